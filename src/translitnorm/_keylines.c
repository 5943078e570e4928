/* translitnorm._keylines: the key tables of a slice of spellings, in C (optional).
 *
 * index.py compiles spellings a slice at a time. Once a slice's tokens are lines of words
 * (a line a spelling, words joined by single spaces) and each word's folded form is known,
 * the rest is string work done for every spelling: its folded tokens joined into a line,
 * its key (those tokens joined with nothing between), the key noted under its spelling's
 * number, and every joined prefix of the key at a token boundary added to the prefix set.
 * In Python that makes and splits several strings per spelling; here the folded words are
 * looked up once and each result string is made once, at its final size.
 *
 *   key_lines(raw_text, folded, keys, prefixes, first)
 *       -> (v_text, keys_of, most), or None
 *
 *   raw_text  the slice's tokens: lines of words joined by single spaces;
 *   folded    each word of raw_text -> its folded form;
 *   keys      key -> list of spelling numbers: each line's key gets first + its line number
 *             appended (a new list where the key is new, in the order of the lines);
 *   prefixes  a set: gets each line's key and its joined prefixes at token boundaries.
 *
 * It returns v_text (the folded lines: each line's folded words joined by single spaces,
 * the lines by line breaks), keys_of (each line's key) and most (the largest number of
 * words in a line). It returns None, having changed nothing, where the Python steps are
 * needed instead: a word that is empty (two spaces together, an empty line) or that folds
 * to nothing or to something holding a space or a line break. A word missing from folded
 * raises KeyError. tests/test_build_index.py checks the results against the Python steps.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static int
is_separator(Py_UCS4 c)
{
    return c == ' ' || c == '\n';
}

/* Does the (folded) word hold a space or a line break? */
static int
holds_separator(PyObject *word)
{
    return PyUnicode_FindChar(word, ' ', 0, PyUnicode_GET_LENGTH(word), 1) != -1
           || PyUnicode_FindChar(word, '\n', 0, PyUnicode_GET_LENGTH(word), 1) != -1;
}

static PyObject *
key_lines(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 5) {
        PyErr_SetString(PyExc_TypeError,
                        "key_lines(raw_text, folded, keys, prefixes, first) takes 5 arguments");
        return NULL;
    }
    PyObject *raw = args[0], *folded = args[1], *keys = args[2], *prefixes = args[3];
    if (!PyUnicode_Check(raw) || !PyDict_Check(folded) || !PyDict_Check(keys)
        || !PySet_Check(prefixes)) {
        PyErr_SetString(PyExc_TypeError,
                        "key_lines: expected a str, a dict, a dict and a set");
        return NULL;
    }
    Py_ssize_t first = PyLong_AsSsize_t(args[4]);
    if (first == -1 && PyErr_Occurred())
        return NULL;
    if (PyUnicode_READY(raw) < 0)
        return NULL;

    Py_ssize_t n = PyUnicode_GET_LENGTH(raw);
    int kind = PyUnicode_KIND(raw);
    const void *data = PyUnicode_DATA(raw);
    Py_ssize_t n_words = 1, n_lines = 1;
    if (kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *text = data;
        for (Py_ssize_t i = 0; i < n; i++) {
            n_words += text[i] == ' ' || text[i] == '\n';
            n_lines += text[i] == '\n';
        }
    } else {
        for (Py_ssize_t i = 0; i < n; i++) {
            Py_UCS4 c = PyUnicode_READ(kind, data, i);
            n_words += c == ' ' || c == '\n';
            n_lines += c == '\n';
        }
    }
    PyObject **words = PyMem_New(PyObject *, n_words);  /* borrowed, from folded */
    Py_ssize_t *line_end = PyMem_New(Py_ssize_t, n_lines);  /* after each line's words */
    PyObject *result = NULL, *v_text = NULL, *keys_of = NULL;
    if (words == NULL || line_end == NULL) {
        PyErr_NoMemory();
        goto done;
    }

    /* 1. look every word up and check it: nothing is changed until all are known good.
     * PyUnicode_MAX_CHAR_VALUE of a (canonical) string is its kind's largest character,
     * or 127 for ASCII: the largest of these over the parts of a join is the join's own,
     * so the joins below are canonical strings too. */
    Py_ssize_t w = 0, line = 0, start = 0, total = 0;
    Py_UCS4 v_max = 127;
    for (Py_ssize_t i = 0; i <= n; i++) {
        if (i < n && !is_separator(PyUnicode_READ(kind, data, i))) {
            if (kind == PyUnicode_1BYTE_KIND) {  /* on to the next separator */
                const Py_UCS1 *text = data;
                while (i + 1 < n && text[i + 1] != ' ' && text[i + 1] != '\n')
                    i++;
            }
            continue;
        }
        if (i == start) {  /* an empty word */
            result = Py_None;
            Py_INCREF(result);
            goto done;
        }
        PyObject *raw_word = PyUnicode_Substring(raw, start, i);
        if (raw_word == NULL)
            goto done;
        PyObject *f = PyDict_GetItemWithError(folded, raw_word);
        if (f == NULL) {
            if (!PyErr_Occurred())
                PyErr_SetObject(PyExc_KeyError, raw_word);
            Py_DECREF(raw_word);
            goto done;
        }
        Py_DECREF(raw_word);
        if (!PyUnicode_Check(f) || PyUnicode_READY(f) < 0) {
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_TypeError, "key_lines: a folded word is not a str");
            goto done;
        }
        if (PyUnicode_GET_LENGTH(f) == 0 || holds_separator(f)) {
            result = Py_None;
            Py_INCREF(result);
            goto done;
        }
        words[w++] = f;
        total += PyUnicode_GET_LENGTH(f);
        if (PyUnicode_MAX_CHAR_VALUE(f) > v_max)
            v_max = PyUnicode_MAX_CHAR_VALUE(f);
        if (i == n || PyUnicode_READ(kind, data, i) == '\n')
            line_end[line++] = w;
        start = i + 1;
    }

    /* 2. the folded lines, the keys and the prefixes */
    v_text = PyUnicode_New(total + (n_words - n_lines) + (n_lines - 1), v_max);
    keys_of = PyList_New(n_lines);
    if (v_text == NULL || keys_of == NULL)
        goto done;
    Py_ssize_t at = 0, most = 1;
    w = 0;
    for (line = 0; line < n_lines; line++) {
        Py_ssize_t end = line_end[line], key_len = 0;
        Py_UCS4 key_max = 127;
        if (line > 0)
            PyUnicode_WRITE(PyUnicode_KIND(v_text), PyUnicode_DATA(v_text), at++, '\n');
        for (Py_ssize_t j = w; j < end; j++) {
            if (j > w)
                PyUnicode_WRITE(PyUnicode_KIND(v_text), PyUnicode_DATA(v_text), at++, ' ');
            Py_ssize_t len = PyUnicode_GET_LENGTH(words[j]);
            if (PyUnicode_CopyCharacters(v_text, at, words[j], 0, len) < 0)
                goto done;
            at += len;
            key_len += len;
            if (PyUnicode_MAX_CHAR_VALUE(words[j]) > key_max)
                key_max = PyUnicode_MAX_CHAR_VALUE(words[j]);
        }
        PyObject *key;
        if (end - w == 1) {
            key = words[w];
            Py_INCREF(key);
        } else {
            key = PyUnicode_New(key_len, key_max);
            if (key == NULL)
                goto done;
            Py_ssize_t k = 0;
            for (Py_ssize_t j = w; j < end; j++) {
                Py_ssize_t len = PyUnicode_GET_LENGTH(words[j]);
                if (PyUnicode_CopyCharacters(key, k, words[j], 0, len) < 0) {
                    Py_DECREF(key);
                    goto done;
                }
                k += len;
            }
        }
        PyList_SET_ITEM(keys_of, line, key);  /* (the list holds it from here) */
        PyObject *numbers = PyDict_GetItemWithError(keys, key);
        if (numbers == NULL) {
            if (PyErr_Occurred())
                goto done;
            numbers = PyList_New(0);
            if (numbers == NULL)
                goto done;
            int failed = PyDict_SetItem(keys, key, numbers);
            Py_DECREF(numbers);  /* (keys holds it) */
            if (failed < 0)
                goto done;
        }
        PyObject *number = PyLong_FromSsize_t(first + line);
        if (number == NULL)
            goto done;
        int failed = PyList_Append(numbers, number);
        Py_DECREF(number);
        if (failed < 0 || PySet_Add(prefixes, key) < 0)
            goto done;
        Py_ssize_t k = 0;
        for (Py_ssize_t j = w; j + 1 < end; j++) {  /* the prefixes short of the key */
            k += PyUnicode_GET_LENGTH(words[j]);
            PyObject *prefix = PyUnicode_Substring(key, 0, k);
            if (prefix == NULL)
                goto done;
            failed = PySet_Add(prefixes, prefix);
            Py_DECREF(prefix);
            if (failed < 0)
                goto done;
        }
        if (end - w > most)
            most = end - w;
        w = end;
    }
    result = Py_BuildValue("(OOn)", v_text, keys_of, most);

done:
    Py_XDECREF(v_text);
    Py_XDECREF(keys_of);
    PyMem_Free(words);
    PyMem_Free(line_end);
    return result;
}

static PyMethodDef methods[] = {
    {"key_lines", (PyCFunction)(void (*)(void))key_lines, METH_FASTCALL,
     "key_lines(raw_text, folded, keys, prefixes, first) -> (v_text, keys_of, most) or None"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "_keylines",
    "The key tables of a slice of spellings (see index.py), in C.", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__keylines(void)
{
    PyObject *m = PyModule_Create(&module_def);
    if (m != NULL && PyModule_AddIntConstant(m, "VERSION", 1) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
