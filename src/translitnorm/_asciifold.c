/* translitnorm._asciifold: fold_token's ASCII path, in C (optional).
 *
 * An ASCII word folds in two parts (fold.py, fold_token):
 *   1. lower case, only letters and digits kept;
 *   2. up to four rounds of latin_conventions, final_ah and collapse_doubles, until a
 *      round changes nothing.
 * Compiling a glossary folds hundreds of thousands of words that way; batchfold.py does it
 * with regular expressions over all the words joined by line breaks, and this module does
 * the same steps on plain bytes.
 *
 *   fold_word(word)     fold_token(word) for an ASCII word (ValueError for another)
 *   fold_lines(text)    each line of an ASCII text folded so, joined by line breaks again
 *
 * Each step below is written to give exactly what its regular expression in fold.py
 * gives: at each place the first alternative that matches there wins, and the scan goes
 * on after the match. tests/test_asciifold.py checks the results against fold_token.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

#define IS_LOWER(c) ((c) >= 'a' && (c) <= 'z')

static inline int
starts(const char *s, Py_ssize_t n, Py_ssize_t i, const char *lit, Py_ssize_t k)
{
    return i + k <= n && memcmp(s + i, lit, (size_t)k) == 0;
}

/* _ABD_WORD.fullmatch: abd + one of ul el al ol oul ur us un uz ud u ou, and no more */
static int
abd_word(const char *s, Py_ssize_t n)
{
    static const char *const ends[] = {"ul", "el", "al", "ol", "oul", "ur", "us",
                                       "un", "uz", "ud", "u", "ou"};
    for (size_t k = 0; k < sizeof ends / sizeof *ends; k++) {
        Py_ssize_t len = (Py_ssize_t)strlen(ends[k]);
        if (n == 3 + len && memcmp(s + 3, ends[k], (size_t)len) == 0)
            return 1;
    }
    return 0;
}

/* _ABD_PREFIX, abd(?:u|e|a|ou|o|i)[lrsnz](?=[a-z]{2}), searched from place i: the end of
 * a match there (the alternatives tried in their order), or -1 */
static Py_ssize_t
abd_prefix_at(const char *s, Py_ssize_t n, Py_ssize_t i)
{
    static const char *const vowels[] = {"u", "e", "a", "ou", "o", "i"};
    if (!starts(s, n, i, "abd", 3))
        return -1;
    for (size_t k = 0; k < sizeof vowels / sizeof *vowels; k++) {
        Py_ssize_t len = (Py_ssize_t)strlen(vowels[k]);
        Py_ssize_t j = i + 3 + len;
        if (!starts(s, n, i + 3, vowels[k], len) || j + 3 > n)
            continue;
        if (strchr("lrsnz", s[j]) != NULL && IS_LOWER(s[j + 1]) && IS_LOWER(s[j + 2]))
            return j + 1;
    }
    return -1;
}

/* _LATIN_RE at place i: the length of the match (0: none) and its replacement */
static Py_ssize_t
latin_at(const char *s, Py_ssize_t n, Py_ssize_t i, const char **repl)
{
#define TRY(lit, out)                                   \
    if (starts(s, n, i, lit, sizeof(lit) - 1)) {        \
        *repl = out;                                    \
        return sizeof(lit) - 1;                         \
    }
    switch (s[i]) {
    case 'd':
        TRY("dsch", "j") TRY("dzh", "j") TRY("dj", "j") TRY("dh", "d")
        return 0;
    case 't':
        TRY("tsch", "sh") TRY("tch", "sh") TRY("th", "t")
        return 0;
    case 's':
        TRY("sch", "sh")
        return 0;
    case 'z':
        TRY("zh", "j")
        return 0;
    case 'k':
        TRY("kh", "h")
        return 0;
    case 'c':
        TRY("ch", "sh") TRY("ck", "k")
        if (i + 1 == n || strchr("aouklr", s[i + 1]) != NULL) {
            *repl = "k";
            return 1;
        }
        return 0;
    case 'g':
        TRY("gh", "g")
        return 0;
    case 'p':
        TRY("ph", "f")
        return 0;
    case 'q':
        *repl = "k";
        return 1;
    case 'o':
        TRY("ou", "u") TRY("oo", "u")
        if (starts(s, n, i, "ow", 2) && !(i + 2 < n && strchr("aeiou", s[i + 2]) != NULL)) {
            *repl = "u";
            return 2;
        }
        return 0;
    case 'e':
        TRY("ee", "i") TRY("ey", "ai") TRY("ei", "ai")
        if (i + 2 == n && s[i + 1] == 'j') {
            *repl = "ai";
            return 2;
        }
        return 0;
    case 'i':
        if (i + 2 == n && s[i + 1] == 'e') {
            *repl = "i";
            return 2;
        }
        return 0;
    case 'a':
        TRY("ay", "ai") TRY("ai", "ai")
        return 0;
    case 'w':
        *repl = "v";
        return 1;
    case 'y':
        *repl = "i";
        return 1;
    default:
        return 0;
    }
#undef TRY
}

/* latin_conventions on s[0:n] into out (room for max(n, 3) bytes); its new length */
static Py_ssize_t
latin_conventions(const char *s, Py_ssize_t n, char *out)
{
    static const char *const particles[][2] = {
        {"ibn", "bin"}, {"ben", "bin"}, {"bn", "bin"}, {"du", "de"}};
    for (size_t k = 0; k < sizeof particles / sizeof *particles; k++) {
        Py_ssize_t len = (Py_ssize_t)strlen(particles[k][0]);
        if (n == len && memcmp(s, particles[k][0], (size_t)len) == 0) {
            memcpy(out, particles[k][1], 3);
            return (Py_ssize_t)strlen(particles[k][1]);
        }
    }
    char tmp[256];
    char *cut = NULL;
    if (starts(s, n, 0, "abd", 3)) {
        if (abd_word(s, n)) {
            memcpy(out, "abd", 3);
            return 3;
        }
        for (Py_ssize_t i = 0; i + 3 <= n; i++) {  /* the first match, as sub(count=1) */
            Py_ssize_t end = abd_prefix_at(s, n, i);
            if (end < 0)
                continue;
            cut = n <= (Py_ssize_t)sizeof tmp ? tmp : PyMem_Malloc((size_t)n);
            if (cut == NULL)
                return -1;
            memcpy(cut, s, (size_t)i);
            memcpy(cut + i, "abd", 3);
            memcpy(cut + i + 3, s + end, (size_t)(n - end));
            n = i + 3 + (n - end);
            s = cut;
            break;
        }
    }
    Py_ssize_t o = 0;
    for (Py_ssize_t i = 0; i < n;) {
        const char *repl;
        Py_ssize_t len = latin_at(s, n, i, &repl);
        if (len) {
            for (; *repl; repl++)
                out[o++] = *repl;
            i += len;
        }
        else
            out[o++] = s[i++];
    }
    if (cut != NULL && cut != tmp)
        PyMem_Free(cut);
    return o;
}

/* final_ah in place: -ah, -at, -eh after two letters a-z become -a (-a stays) */
static Py_ssize_t
final_ah(char *s, Py_ssize_t n)
{
    if (n < 4 || !IS_LOWER(s[n - 4]) || !IS_LOWER(s[n - 3]))
        return n;
    if ((s[n - 2] == 'a' && (s[n - 1] == 'h' || s[n - 1] == 't'))
        || (s[n - 2] == 'e' && s[n - 1] == 'h')) {
        s[n - 2] = 'a';
        return n - 1;
    }
    return n;
}

/* collapse_doubles in place: each run of one character counts once */
static Py_ssize_t
collapse_doubles(char *s, Py_ssize_t n)
{
    Py_ssize_t o = 0;
    for (Py_ssize_t i = 0; i < n; i++)
        if (o == 0 || s[o - 1] != s[i])
            s[o++] = s[i];
    return o;
}

/* fold_token of the ASCII word src[0:n] into out (room for max(n, 3) bytes); its length,
 * or -1 with a MemoryError set. work has room for the same. */
static Py_ssize_t
fold_into(const char *src, Py_ssize_t n, char *out, char *work)
{
    Py_ssize_t len = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        char c = src[i];
        if (c >= 'A' && c <= 'Z')
            out[len++] = (char)(c - 'A' + 'a');
        else if (IS_LOWER(c) || (c >= '0' && c <= '9'))
            out[len++] = c;
    }
    for (int round = 0; round < 4; round++) {
        Py_ssize_t m = latin_conventions(out, len, work);
        if (m < 0)
            return -1;
        m = collapse_doubles(work, final_ah(work, m));
        if (m == len && memcmp(work, out, (size_t)m) == 0)
            break;
        memcpy(out, work, (size_t)m);
        len = m;
    }
    return len;
}

static int
ascii_arg(PyObject *text, const char *name)
{
    if (!PyUnicode_Check(text)) {
        PyErr_Format(PyExc_TypeError, "%s: a str is needed", name);
        return -1;
    }
#if PY_VERSION_HEX < 0x030C0000
    if (PyUnicode_READY(text) < 0)
        return -1;
#endif
    if (!PyUnicode_IS_ASCII(text)) {
        PyErr_Format(PyExc_ValueError, "%s: the text must be ASCII", name);
        return -1;
    }
    return 0;
}

static PyObject *
fold_word(PyObject *Py_UNUSED(module), PyObject *word)
{
    if (ascii_arg(word, "fold_word") < 0)
        return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(word);
    const char *src = (const char *)PyUnicode_DATA(word);
    char small[2][128];
    char *out = small[0], *work = small[1];
    if (n + 4 > 128) {
        out = PyMem_Malloc((size_t)(2 * (n + 4)));
        if (out == NULL)
            return PyErr_NoMemory();
        work = out + n + 4;
    }
    Py_ssize_t len = fold_into(src, n, out, work);
    PyObject *result = len < 0 ? PyErr_NoMemory() : PyUnicode_FromStringAndSize(out, len);
    if (out != small[0])
        PyMem_Free(out);
    return result;
}

static PyObject *
fold_lines(PyObject *Py_UNUSED(module), PyObject *text)
{
    if (ascii_arg(text, "fold_lines") < 0)
        return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    const char *src = (const char *)PyUnicode_DATA(text);
    Py_ssize_t longest = 0, lines = 1, at = 0;
    for (Py_ssize_t i = 0; i <= n; i++) {
        if (i == n || src[i] == '\n') {
            if (i - at > longest)
                longest = i - at;
            if (i < n)
                lines++;
            at = i + 1;
        }
    }
    /* each line folds to at most max(its length, 3) bytes, plus its line break */
    size_t room = (size_t)n + 3 * (size_t)lines + 1;
    char *result = PyMem_Malloc(room);
    char *work = PyMem_Malloc((size_t)longest + 4);
    if (result == NULL || work == NULL) {
        PyMem_Free(result);
        PyMem_Free(work);
        return PyErr_NoMemory();
    }
    Py_ssize_t o = 0;
    at = 0;
    for (Py_ssize_t i = 0; i <= n; i++) {
        if (i < n && src[i] != '\n')
            continue;
        Py_ssize_t len = fold_into(src + at, i - at, result + o, work);
        if (len < 0) {
            PyMem_Free(result);
            PyMem_Free(work);
            return PyErr_NoMemory();
        }
        o += len;
        if (i < n)
            result[o++] = '\n';
        at = i + 1;
    }
    PyObject *out = PyUnicode_FromStringAndSize(result, o);
    PyMem_Free(result);
    PyMem_Free(work);
    return out;
}

static PyMethodDef asciifold_methods[] = {
    {"fold_word", fold_word, METH_O, "fold_word(word) -> fold_token(word) for an ASCII word."},
    {"fold_lines", fold_lines, METH_O,
     "fold_lines(text) -> each line of an ASCII text folded as fold_token folds it."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef asciifold_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "translitnorm._asciifold",
    .m_doc = "fold_token's ASCII path, in C.",
    .m_size = -1,
    .m_methods = asciifold_methods,
};

PyMODINIT_FUNC
PyInit__asciifold(void)
{
    PyObject *m = PyModule_Create(&asciifold_module);
    if (m == NULL)
        return NULL;
    if (PyModule_AddIntConstant(m, "VERSION", 1) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
