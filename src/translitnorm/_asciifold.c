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
 *   fold_words(words, steps, romanized, out, shared) -> rest
 *                       fold_token of many distinct words at once, where the steps take
 *                       them: see fold_words below
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

/* fold_words: the characters batchfold folds one at a time (its _PER_CHAR_WORD): ASCII
 * but a line break, precomposed Latin letters and Cyrillic letters */
static inline int
per_char(Py_UCS4 c)
{
    return (c < 0x80 && c != '\n') || (c >= 0xC0 && c <= 0x24F) || (c >= 0x400 && c <= 0x482)
           || (c >= 0x48A && c <= 0x4FF) || (c >= 0x1E00 && c <= 0x1EFF);
}

#define CHAR_CACHE 0x1F00 /* every per_char character is below this */

/* table[c] (a str), looked up once per call (cache), or NULL with an error set */
static PyObject *
char_steps(PyObject *table, PyObject **cache, Py_UCS4 c)
{
    if (cache[c] != NULL)
        return cache[c];
    PyObject *code = PyLong_FromLong((long)c);
    if (code == NULL)
        return NULL;
    PyObject *piece = PyObject_GetItem(table, code);  /* (a dict's __missing__ fills it) */
    Py_DECREF(code);
    if (piece == NULL)
        return NULL;
    if (!PyUnicode_Check(piece)) {
        Py_DECREF(piece);
        PyErr_SetString(PyExc_TypeError, "fold_words: a table gave a value that is not a str");
        return NULL;
    }
    cache[c] = piece;
    return piece;
}

typedef struct {
    char *data;
    Py_ssize_t len, room;
} Buffer;

static int
reserve(Buffer *b, Py_ssize_t more)
{
    if (b->len + more <= b->room)
        return 0;
    Py_ssize_t room = 2 * (b->len + more) + 64;
    char *data = PyMem_Realloc(b->data, (size_t)room);
    if (data == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    b->data = data;
    b->room = room;
    return 0;
}

/* The word's characters through table, joined into b while every piece is ASCII: 1, 0 if
 * a piece is not (b then holds a part), -1 with an error set */
static int
through_table(PyObject *word, PyObject *table, PyObject **cache, Buffer *b)
{
    int kind = PyUnicode_KIND(word);
    const void *data = PyUnicode_DATA(word);
    Py_ssize_t n = PyUnicode_GET_LENGTH(word);
    b->len = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *piece = char_steps(table, cache, PyUnicode_READ(kind, data, i));
        if (piece == NULL)
            return -1;
#if PY_VERSION_HEX < 0x030C0000
        if (PyUnicode_READY(piece) < 0)
            return -1;
#endif
        if (!PyUnicode_IS_ASCII(piece))
            return 0;
        Py_ssize_t len = PyUnicode_GET_LENGTH(piece);
        if (reserve(b, len) < 0)
            return -1;
        memcpy(b->data + b->len, PyUnicode_DATA(piece), (size_t)len);
        b->len += len;
    }
    return 1;
}

/* fold_words(words, steps, romanized, out, shared) -> rest
 *
 *   words      a list of distinct str;
 *   steps      character (int) -> its script steps up to unidecode (batchfold._CHAR_STEPS);
 *   romanized  the same, then unidecode and the ASCII clean-up (batchfold._CHAR_ROMANIZED);
 *   out        a dict: gets word -> fold_token(word) for each word folded here;
 *   shared     a dict: equal results are one string object, the one first put in shared.
 *
 * An ASCII word folds as fold_word folds it. A word of per_char characters has a base:
 * its characters through steps, joined, where that is ASCII, else through romanized; the
 * base folds as an ASCII word (batchfold._per_char_bases, then the ASCII path). Each
 * table is read once per character and call. The words left for the Python steps (other
 * characters; a line break; a base that is not ASCII or holds a line break) come back in
 * rest, in their order. */
static PyObject *
fold_words(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 5) {
        PyErr_SetString(PyExc_TypeError, "fold_words takes 5 arguments");
        return NULL;
    }
    PyObject *words = args[0], *out = args[3], *shared = args[4];
    if (!PyList_Check(words) || !PyDict_Check(out) || !PyDict_Check(shared)) {
        PyErr_SetString(PyExc_TypeError, "fold_words: words must be a list, out and shared dicts");
        return NULL;
    }
    PyObject *rest = PyList_New(0);
    PyObject **cache = PyMem_Calloc(2 * CHAR_CACHE, sizeof(PyObject *));
    Buffer base = {NULL, 0, 0}, folded = {NULL, 0, 0}, work = {NULL, 0, 0};
    if (rest == NULL || cache == NULL) {
        Py_XDECREF(rest);
        PyMem_Free(cache);
        return PyErr_NoMemory();
    }
    PyObject **tables[2] = {cache, cache + CHAR_CACHE};
    for (Py_ssize_t w = 0; w < PyList_GET_SIZE(words); w++) {
        PyObject *word = PyList_GET_ITEM(words, w);
        if (!PyUnicode_Check(word)) {
            PyErr_SetString(PyExc_TypeError, "fold_words: every word must be a str");
            goto error;
        }
#if PY_VERSION_HEX < 0x030C0000
        if (PyUnicode_READY(word) < 0)
            goto error;
#endif
        Py_ssize_t n = PyUnicode_GET_LENGTH(word);
        const char *src;
        if (PyUnicode_IS_ASCII(word)) {
            src = (const char *)PyUnicode_DATA(word);
            if (memchr(src, '\n', (size_t)n) != NULL)
                goto left;
        }
        else {
            int kind = PyUnicode_KIND(word);
            const void *data = PyUnicode_DATA(word);
            for (Py_ssize_t i = 0; i < n; i++)
                if (!per_char(PyUnicode_READ(kind, data, i)))
                    goto left;
            int done = through_table(word, args[1], tables[0], &base);
            if (done == 0)
                done = through_table(word, args[2], tables[1], &base);
            if (done < 0)
                goto error;
            if (done == 0 || memchr(base.data, '\n', (size_t)base.len) != NULL)
                goto left;
            src = base.data;
            n = base.len;
        }
        folded.len = work.len = 0;
        if (reserve(&folded, n + 4) < 0 || reserve(&work, n + 4) < 0)
            goto error;
        Py_ssize_t len = fold_into(src, n, folded.data, work.data);
        if (len < 0) {
            PyErr_NoMemory();
            goto error;
        }
        PyObject *result = PyUnicode_FromStringAndSize(folded.data, len);
        if (result == NULL)
            goto error;
        PyObject *one = PyDict_SetDefault(shared, result, result);  /* (borrowed) */
        Py_DECREF(result);
        if (one == NULL || PyDict_SetItem(out, word, one) < 0)
            goto error;
        continue;
    left:
        if (PyList_Append(rest, word) < 0)
            goto error;
    }
    goto done;
error:
    Py_CLEAR(rest);
done:
    for (Py_ssize_t c = 0; c < 2 * CHAR_CACHE; c++)
        Py_XDECREF(cache[c]);
    PyMem_Free(cache);
    PyMem_Free(base.data);
    PyMem_Free(folded.data);
    PyMem_Free(work.data);
    return rest;
}

static PyMethodDef asciifold_methods[] = {
    {"fold_word", fold_word, METH_O, "fold_word(word) -> fold_token(word) for an ASCII word."},
    {"fold_lines", fold_lines, METH_O,
     "fold_lines(text) -> each line of an ASCII text folded as fold_token folds it."},
    {"fold_words", (PyCFunction)(void (*)(void))fold_words, METH_FASTCALL,
     "fold_words(words, steps, romanized, out, shared) -> the words left for Python."},
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
    if (PyModule_AddIntConstant(m, "VERSION", 2) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
