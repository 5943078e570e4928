/* translitnorm._keylines: the key tables of a slice of spellings, in C (optional).
 *
 * index.py compiles spellings a slice at a time. Once a slice's tokens are lines of words
 * (a line a spelling, words joined by single spaces) and each word's folded form is known,
 * the rest is string work done for every spelling: its folded tokens joined into a line,
 * its key (those tokens joined with nothing between), the key noted under its spelling's
 * number, and every joined prefix of the key at a token boundary added to the prefix set.
 * In Python that makes and splits several strings per spelling; here each word is made
 * once, numbered, and each result string is made once, at its final size.
 *
 *   distinct_words(text) -> (words, ids)
 *
 *   words     the distinct pieces of text between spaces and line breaks (an empty one
 *             too, where two separators meet), in the order they first come;
 *   ids       bytes, native int32: each piece's number in words, in order, and -1 for
 *             each line break. A hash table of the pieces' characters finds repeats
 *             without making a string for each (a glossary is its owner's own data: no
 *             defence against keys chosen to collide).
 *
 *   key_lines(ids, folded, keys, prefixes, first[, raw, cs])
 *       -> (v_text, keys_of, most), or None
 *
 *   ids       as distinct_words gives them, for the slice's tokens;
 *   folded    a list: the folded form of each of those words;
 *   raw, cs   where some spellings are case-sensitive: the words as written (distinct_words'
 *             list) and bytes, one a line, nonzero for those spellings. Their lines are
 *             their raw words; their key is "" (noted under "" in keys and prefixes, as
 *             the Python steps do; index.py drops it), with no prefixes (their own tables,
 *             on the raw words, are made in Python);
 *   keys      key -> spelling number(s): each line's key gets first + its line number (the
 *             number itself where the key is new, in the order of the lines; a list of
 *             [its number, this one] where it held one; appended where it held a list);
 *   prefixes  a set: gets each line's key and its joined prefixes at token boundaries.
 *
 * It returns v_text (the folded lines: each line's folded words joined by single spaces,
 * the lines by line breaks), keys_of (each line's key) and most (the largest number of
 * words in a line). It returns None, having changed nothing, where the Python steps are
 * needed instead: an empty line, or a word that folds to nothing or to something holding a
 * space or a line break (an empty word folds to nothing). A number outside folded raises
 * IndexError.
 *
 *   token_lines(texts, ascii_kinds, kinds) -> (lines_text, todo)
 *
 *   The tokens of each spelling (index.spelling_tokens) as a line of words joined by
 *   single spaces, the lines joined by line breaks, for the spellings made of chunks of
 *   letters and digits between spaces and hyphens (nearly all); todo lists the numbers of
 *   the others, whose lines are empty or to be replaced (index.py takes name_tokens for
 *   them). A chunk of up to four characters may be an Arabic article: ascii_kinds gives
 *   the kind of a lower-case ASCII one (1: al, an article before another word; 2: as, a
 *   sun article, one only when joined to the next chunk by a hyphen), kinds that of a
 *   chunk not in ASCII (a mapping read with [], 0 for none). An article is left out of its
 *   line; a sun article written apart (Dayr az Zawr, not at an end of its spelling) may
 *   be one or not, so its spelling is in todo too (see index._token_lines).
 *
 *   pack_groups(table, first_group, flat_start) -> (flat, ends)
 *
 *   A build's key table (key -> a number, or a list of several: index._add_number) made
 *   the table Index.variants_at reads, in place, in one pass (index._pack): each list
 *   becomes group number -(first_group + g), g counting the lists in the table's order,
 *   its numbers appended to flat and its end (flat_start + the numbers so far) to ends
 *   (both bytes of native int32, for the index's arrays). A value neither an int nor a
 *   list raises TypeError, a number outside int32 OverflowError; the table is then
 *   partly packed.
 *
 *   add_stems(stems, whole, of_stem, toks) -> None
 *
 *   The loop of index._add_cyrillic_stems: for each word i with a folded form toks[i]
 *   that is not empty, its whole-word stem key whole[i] and then its stem's key
 *   of_stem[i] (where that is another) are noted in stems, where longer than four
 *   characters, as index.add_stem does: a new key gets the token, a key that does not
 *   hold it yet (among its space-separated tokens) gets " " and the token appended.
 *   The three lists have one item a word, all str; else TypeError or ValueError.
 *
 *   glossary_columns(entries)
 *       -> (ids, canonicals, types, texts, owner, cs, no_fuzzy, ambiguous, german)
 *
 *   index._columns in one pass: each entry's (a sequence of model.Entry) id, canonical
 *   form and type, and its spellings
 *   (Entry.all_variants: the variants, with the canonical form first where no variant
 *   spells it; then that method is called), and for each spelling its text, its entry's
 *   number (one int object an entry) and four bytes columns, one byte a spelling, 1 or 0:
 *   case_sensitive, not fuzzy, ambiguous, lang == "de".
 *
 * tests/test_keylines.py checks the results against the Python steps.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

/* Does the (folded) word hold a space or a line break? */
static int
holds_separator(PyObject *word)
{
    return PyUnicode_FindChar(word, ' ', 0, PyUnicode_GET_LENGTH(word), 1) != -1
           || PyUnicode_FindChar(word, '\n', 0, PyUnicode_GET_LENGTH(word), 1) != -1;
}

/* distinct_words: see the top of the file. */

typedef struct {
    Py_ssize_t start, len, id;  /* id -1: a free slot */
    Py_uhash_t hash;
} Slot;

static Py_uhash_t
piece_hash(int kind, const void *data, Py_ssize_t start, Py_ssize_t end)
{
    uint64_t h = 1469598103934665603ULL;  /* FNV-1a over the characters */
    for (Py_ssize_t i = start; i < end; i++) {
        h ^= PyUnicode_READ(kind, data, i);
        h *= 1099511628211ULL;
    }
    return (Py_uhash_t)(h ^ (h >> 31));
}

static PyObject *
distinct_words(PyObject *module, PyObject *text)
{
    (void)module;
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "distinct_words: expected a str");
        return NULL;
    }
    if (PyUnicode_READY(text) < 0)
        return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const char *data = PyUnicode_DATA(text);
    Py_ssize_t n_pieces = 1, n_breaks = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        n_pieces += c == ' ' || c == '\n';
        n_breaks += c == '\n';
    }
    if (n_pieces + n_breaks > INT32_MAX) {
        PyErr_SetString(PyExc_OverflowError, "distinct_words: too many words");
        return NULL;
    }
    Py_ssize_t size = 8;
    while (size < 2 * n_pieces)
        size *= 2;
    Slot *slots = PyMem_New(Slot, size);
    PyObject *words = PyList_New(0), *result = NULL;
    PyObject *ids = PyBytes_FromStringAndSize(NULL, (n_pieces + n_breaks)
                                                    * (Py_ssize_t)sizeof(int32_t));
    if (slots == NULL || words == NULL || ids == NULL) {
        if (slots == NULL)
            PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t k = 0; k < size; k++)
        slots[k].id = -1;
    int32_t *out = (int32_t *)PyBytes_AS_STRING(ids);
    Py_ssize_t start = 0, n_out = 0;
    for (Py_ssize_t i = 0; i <= n; i++) {
        Py_UCS4 c = i < n ? PyUnicode_READ(kind, data, i) : '\n';
        if (c != ' ' && c != '\n')
            continue;
        Py_ssize_t len = i - start;
        Py_uhash_t h = piece_hash(kind, data, start, i);
        size_t k = (size_t)h & (size_t)(size - 1);
        while (slots[k].id != -1
               && !(slots[k].hash == h && slots[k].len == len
                    && memcmp(data + slots[k].start * kind, data + start * kind,
                              (size_t)(len * kind)) == 0))
            k = (k + 1) & (size_t)(size - 1);
        if (slots[k].id == -1) {  /* a new word */
            PyObject *word = PyUnicode_Substring(text, start, i);
            if (word == NULL)
                goto done;
            int failed = PyList_Append(words, word);
            Py_DECREF(word);
            if (failed < 0)
                goto done;
            slots[k].start = start;
            slots[k].len = len;
            slots[k].hash = h;
            slots[k].id = PyList_GET_SIZE(words) - 1;
        }
        out[n_out++] = (int32_t)slots[k].id;
        if (c == '\n' && i < n)
            out[n_out++] = -1;
        start = i + 1;
    }
    result = PyTuple_Pack(2, words, ids);

done:
    PyMem_Free(slots);
    Py_XDECREF(words);
    Py_XDECREF(ids);
    return result;
}

/* keys[key] = number where the key is new; [old, number] where it holds one number; the
 * number appended where it holds a list (index._add_number). -1 with an error set. */
static int
add_number(PyObject *keys, PyObject *key, Py_ssize_t n)
{
    PyObject *have = PyDict_GetItemWithError(keys, key);  /* (borrowed) */
    if (have == NULL && PyErr_Occurred())
        return -1;
    PyObject *number = PyLong_FromSsize_t(n);
    if (number == NULL)
        return -1;
    int failed;
    if (have == NULL) {
        failed = PyDict_SetItem(keys, key, number);
    }
    else if (PyLong_CheckExact(have)) {
        PyObject *both = PyList_New(2);
        if (both == NULL) {
            Py_DECREF(number);
            return -1;
        }
        Py_INCREF(have);
        PyList_SET_ITEM(both, 0, have);
        PyList_SET_ITEM(both, 1, number);  /* (the list holds it) */
        failed = PyDict_SetItem(keys, key, both);
        Py_DECREF(both);
        return failed;
    }
    else if (PyList_Check(have)) {
        failed = PyList_Append(have, number);
    }
    else {
        PyErr_SetString(PyExc_TypeError, "key_lines: a value of keys is an int or a list");
        failed = -1;
    }
    Py_DECREF(number);
    return failed;
}

/* Are words[a:a_end] and words[b:b_end] the same strings (equal in value)? */
static int
same_words(PyObject *const *words, Py_ssize_t a, Py_ssize_t a_end, Py_ssize_t b,
           Py_ssize_t b_end)
{
    if (a_end - a != b_end - b)
        return 0;
    for (; a < a_end; a++, b++) {
        PyObject *x = words[a], *y = words[b];
        if (x == y)
            continue;
        /* (canonical strings: equal ones are of one kind) */
        Py_ssize_t len = PyUnicode_GET_LENGTH(x);
        if (len != PyUnicode_GET_LENGTH(y) || PyUnicode_KIND(x) != PyUnicode_KIND(y)
            || memcmp(PyUnicode_DATA(x), PyUnicode_DATA(y),
                      (size_t)len * (size_t)PyUnicode_KIND(x)) != 0)
            return 0;
    }
    return 1;
}

static PyObject *
key_lines(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 5 && nargs != 7) {
        PyErr_SetString(PyExc_TypeError, "key_lines(ids, folded, keys, prefixes, first"
                        "[, raw, cs]) takes 5 or 7 arguments");
        return NULL;
    }
    PyObject *id_bytes = args[0], *folded = args[1], *keys = args[2], *prefixes = args[3];
    if (!PyBytes_Check(id_bytes) || !PyList_Check(folded) || !PyDict_Check(keys)
        || !PySet_Check(prefixes)) {
        PyErr_SetString(PyExc_TypeError,
                        "key_lines: expected bytes, a list, a dict and a set");
        return NULL;
    }
    PyObject *raw = nargs == 7 ? args[5] : NULL, *cs_bytes = nargs == 7 ? args[6] : NULL;
    if (raw != NULL && (!PyList_Check(raw) || !PyBytes_Check(cs_bytes)
                        || PyList_GET_SIZE(raw) != PyList_GET_SIZE(folded))) {
        PyErr_SetString(PyExc_TypeError,
                        "key_lines: raw must be a list as long as folded, cs bytes");
        return NULL;
    }
    Py_ssize_t first = PyLong_AsSsize_t(args[4]);
    if (first == -1 && PyErr_Occurred())
        return NULL;
    if (PyBytes_GET_SIZE(id_bytes) % (Py_ssize_t)sizeof(int32_t) != 0) {
        PyErr_SetString(PyExc_ValueError, "key_lines: ids is not a whole number of int32");
        return NULL;
    }
    const int32_t *ids = (const int32_t *)PyBytes_AS_STRING(id_bytes);
    Py_ssize_t n_ids = PyBytes_GET_SIZE(id_bytes) / (Py_ssize_t)sizeof(int32_t);
    Py_ssize_t n_words = 0, n_lines = 1, n_folded = PyList_GET_SIZE(folded);
    for (Py_ssize_t i = 0; i < n_ids; i++) {
        if (ids[i] == -1)
            n_lines++;
        else if (ids[i] < 0 || ids[i] >= n_folded) {
            PyErr_SetString(PyExc_IndexError, "key_lines: a word number out of range");
            return NULL;
        }
        else
            n_words++;
    }
    if (cs_bytes != NULL && PyBytes_GET_SIZE(cs_bytes) != n_lines) {
        PyErr_SetString(PyExc_ValueError, "key_lines: cs must hold a byte for each line");
        return NULL;
    }
    const char *cs = cs_bytes != NULL ? PyBytes_AS_STRING(cs_bytes) : NULL;
    PyObject **words = PyMem_New(PyObject *, n_words + 1);  /* borrowed, from folded */
    Py_ssize_t *line_end = PyMem_New(Py_ssize_t, n_lines);  /* after each line's words */
    PyObject *result = NULL, *v_text = NULL, *keys_of = NULL;
    if (words == NULL || line_end == NULL) {
        PyErr_NoMemory();
        goto done;
    }

    /* 1. check every word: nothing is changed until all are known good.
     * PyUnicode_MAX_CHAR_VALUE of a (canonical) string is its kind's largest character,
     * or 127 for ASCII: the largest of these over the parts of a join is the join's own,
     * so the joins below are canonical strings too. */
    Py_ssize_t w = 0, line = 0, total = 0;
    Py_UCS4 v_max = 127;
    for (Py_ssize_t i = 0; i <= n_ids; i++) {
        if (i == n_ids || ids[i] == -1) {
            if (line > 0 ? line_end[line - 1] == w : w == 0) {  /* an empty line */
                result = Py_None;
                Py_INCREF(result);
                goto done;
            }
            line_end[line++] = w;
            continue;
        }
        int as_written = cs != NULL && cs[line];  /* a case-sensitive line: raw words */
        PyObject *f = PyList_GET_ITEM(as_written ? raw : folded, ids[i]);
        if (!PyUnicode_Check(f) || PyUnicode_READY(f) < 0) {
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_TypeError, "key_lines: a folded word is not a str");
            goto done;
        }
        if (!as_written && (PyUnicode_GET_LENGTH(f) == 0 || holds_separator(f))) {
            result = Py_None;
            Py_INCREF(result);
            goto done;
        }
        words[w++] = f;
        total += PyUnicode_GET_LENGTH(f);
        if (PyUnicode_MAX_CHAR_VALUE(f) > v_max)
            v_max = PyUnicode_MAX_CHAR_VALUE(f);
    }

    /* 2. the folded lines, the keys and the prefixes */
    v_text = PyUnicode_New(total + (n_words - n_lines) + (n_lines - 1), v_max);
    keys_of = PyList_New(n_lines);
    if (v_text == NULL || keys_of == NULL)
        goto done;
    Py_ssize_t at = 0, most = 1, prev_w = 0, prev_end = 0;
    PyObject *prev_key = NULL;  /* the previous line's key where it was no case-sensitive one */
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
        int as_written = cs != NULL && cs[line];
        PyObject *key;
        if (!as_written && prev_key != NULL && same_words(words, prev_w, prev_end, w, end)) {
            /* folded as the line before (variants of one name, mostly): the same key, its
             * prefixes in the set already */
            Py_INCREF(prev_key);
            PyList_SET_ITEM(keys_of, line, prev_key);
            if (add_number(keys, prev_key, first + line) < 0)
                goto done;
            w = end;
            continue;
        }
        if (as_written) {  /* no key of its own: under "" (as in the Python steps) */
            key = PyUnicode_New(0, 0);
            if (key == NULL)
                goto done;
        } else if (end - w == 1) {
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
        if (add_number(keys, key, first + line) < 0 || PySet_Add(prefixes, key) < 0)
            goto done;
        Py_ssize_t k = 0;
        /* the prefixes short of the key */
        for (Py_ssize_t j = w; !as_written && j + 1 < end; j++) {
            k += PyUnicode_GET_LENGTH(words[j]);
            PyObject *prefix = PyUnicode_Substring(key, 0, k);
            if (prefix == NULL)
                goto done;
            int failed = PySet_Add(prefixes, prefix);
            Py_DECREF(prefix);
            if (failed < 0)
                goto done;
        }
        if (end - w > most)
            most = end - w;
        prev_key = as_written ? NULL : key;  /* (keys_of holds it) */
        prev_w = w;
        prev_end = end;
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

/* Make room for need items of item_size bytes in a buffer of *room (PyMem): -1 with
 * MemoryError set where there is none. */
static int
grow(void **data, Py_ssize_t *room, Py_ssize_t need, size_t item_size)
{
    if (need <= *room)
        return 0;
    Py_ssize_t more = 2 * need + 256;
    void *grown = PyMem_Realloc(*data, (size_t)more * item_size);
    if (grown == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    *data = grown;
    *room = more;
    return 0;
}

/* token_lines: see the top of the file. */

#define MAX_ARTICLE 4

typedef struct {
    char word[MAX_ARTICLE];
    Py_ssize_t len;
    long kind;
} AsciiKind;

static inline int
is_chunk_sep(Py_UCS4 c)
{
    return c == ' ' || c == '-';
}

/* The kind of the chunk text[start:end] (of up to MAX_ARTICLE characters), or -1 with an
 * error set */
static long
chunk_kind(PyObject *text, int kind, const void *data, Py_ssize_t start, Py_ssize_t end,
           const AsciiKind *table, Py_ssize_t n_table, PyObject *kinds)
{
    char low[MAX_ARTICLE];
    Py_ssize_t len = end - start;
    int ascii = 1;
    for (Py_ssize_t i = 0; i < len && ascii; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, start + i);
        if (c >= 0x80)
            ascii = 0;
        else
            low[i] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    if (ascii) {
        for (Py_ssize_t k = 0; k < n_table; k++)
            if (table[k].len == len && memcmp(table[k].word, low, (size_t)len) == 0)
                return table[k].kind;
        return 0;
    }
    PyObject *chunk = PyUnicode_Substring(text, start, end);
    if (chunk == NULL)
        return -1;
    PyObject *found = PyObject_GetItem(kinds, chunk);
    Py_DECREF(chunk);
    if (found == NULL)
        return -1;
    long k = PyLong_AsLong(found);
    Py_DECREF(found);
    if (k < 0 || k > 2) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_ValueError, "token_lines: a kind is 0, 1 or 2");
        return -1;
    }
    return k;
}

typedef struct {
    Py_UCS4 *data;
    Py_ssize_t len, room;
} Chars;

static int
put_chars(Chars *out, int kind, const void *data, Py_ssize_t start, Py_ssize_t end,
          int space_first)
{
    if (grow((void **)&out->data, &out->room, out->len + (end - start) + 1,
             sizeof(Py_UCS4)) < 0)
        return -1;
    if (space_first)
        out->data[out->len++] = ' ';
    for (Py_ssize_t i = start; i < end; i++)
        out->data[out->len++] = PyUnicode_READ(kind, data, i);
    return 0;
}

/* list.append(n): -1 with an error set where it fails */
static int
append_number(PyObject *list, Py_ssize_t n)
{
    PyObject *number = PyLong_FromSsize_t(n);
    if (number == NULL)
        return -1;
    int failed = PyList_Append(list, number);
    Py_DECREF(number);
    return failed;
}

static PyObject *
token_lines(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 3 || !PyList_Check(args[0]) || !PyDict_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError,
                        "token_lines(texts: list, ascii_kinds: dict, kinds: mapping)");
        return NULL;
    }
    PyObject *texts = args[0], *kinds = args[2];
    AsciiKind table[64];
    Py_ssize_t n_table = 0, pos = 0;
    PyObject *key, *value;
    while (PyDict_Next(args[1], &pos, &key, &value)) {
        if (n_table == 64 || !PyUnicode_Check(key) || PyUnicode_READY(key) < 0
            || !PyUnicode_IS_ASCII(key) || PyUnicode_GET_LENGTH(key) < 1
            || PyUnicode_GET_LENGTH(key) > MAX_ARTICLE || !PyLong_Check(value)) {
            PyErr_SetString(PyExc_ValueError, "token_lines: ascii_kinds must map up to 64 "
                                              "ASCII words of 1-4 letters to ints");
            return NULL;
        }
        table[n_table].len = PyUnicode_GET_LENGTH(key);
        memcpy(table[n_table].word, PyUnicode_DATA(key), (size_t)table[n_table].len);
        table[n_table].kind = PyLong_AsLong(value);
        if (table[n_table].kind == -1 && PyErr_Occurred())
            return NULL;
        n_table++;
    }
    Py_ssize_t n_texts = PyList_GET_SIZE(texts), room = 0;
    Py_ssize_t *chunks = NULL;  /* each chunk's start and end */
    Chars out = {NULL, 0, 0};
    PyObject *todo = PyList_New(0), *result = NULL;
    if (todo == NULL)
        goto done;
    for (Py_ssize_t t = 0; t < n_texts; t++) {
        PyObject *text = PyList_GET_ITEM(texts, t);
        if (!PyUnicode_Check(text)) {
            PyErr_SetString(PyExc_TypeError, "token_lines: every text must be a str");
            goto done;
        }
        if (PyUnicode_READY(text) < 0)
            goto done;
        if (t > 0 && put_chars(&out, PyUnicode_1BYTE_KIND, "\n", 0, 1, 0) < 0)
            goto done;
        Py_ssize_t n = PyUnicode_GET_LENGTH(text), n_chunks = 0;
        int kind = PyUnicode_KIND(text), simple = 1, apart = 0;
        const void *data = PyUnicode_DATA(text);
        for (Py_ssize_t i = 0; i < n && simple;) {
            if (is_chunk_sep(PyUnicode_READ(kind, data, i))) {
                i++;
                continue;
            }
            Py_ssize_t start = i;
            for (; i < n; i++) {
                Py_UCS4 c = PyUnicode_READ(kind, data, i);
                if (is_chunk_sep(c))
                    break;
                if (!Py_UNICODE_ISALNUM(c)) {
                    simple = 0;
                    break;
                }
            }
            if (grow((void **)&chunks, &room, 2 * n_chunks + 2, sizeof(Py_ssize_t)) < 0)
                goto done;
            chunks[2 * n_chunks] = start;
            chunks[2 * n_chunks + 1] = i;
            n_chunks++;
        }
        if (!simple || n_chunks == 0) {  /* name_tokens for this one */
            if (append_number(todo, t) < 0)
                goto done;
            continue;
        }
        int written = 0;
        for (Py_ssize_t j = 0; j < n_chunks; j++) {
            Py_ssize_t start = chunks[2 * j], end = chunks[2 * j + 1];
            long k = 0;
            if (end - start <= MAX_ARTICLE) {
                k = chunk_kind(text, kind, data, start, end, table, n_table, kinds);
                if (k < 0)
                    goto done;
            }
            int article = (k == 1 && j + 1 < n_chunks)
                          || (k == 2 && end + 1 < n && PyUnicode_READ(kind, data, end) == '-'
                              && !is_chunk_sep(PyUnicode_READ(kind, data, end + 1)));
            if (article)
                continue;
            if (k == 2 && start > 0 && end < n)
                apart = 1;
            if (put_chars(&out, kind, data, start, end, written) < 0)
                goto done;
            written = 1;
        }
        if (apart) {
            if (append_number(todo, t) < 0)
                goto done;
        }
    }
    PyObject *lines = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, out.data, out.len);
    if (lines != NULL) {
        result = PyTuple_Pack(2, lines, todo);
        Py_DECREF(lines);
    }
done:
    PyMem_Free(chunks);
    PyMem_Free(out.data);
    Py_XDECREF(todo);
    return result;
}

/* pack_groups: see the top of the file. */

typedef struct {
    int32_t *data;
    Py_ssize_t len, room;
} Ints;

static int
put_int(Ints *out, Py_ssize_t value)
{
    if (value < INT32_MIN || value > INT32_MAX) {
        PyErr_SetString(PyExc_OverflowError, "pack_groups: a number outside int32");
        return -1;
    }
    if (grow((void **)&out->data, &out->room, out->len + 1, sizeof(int32_t)) < 0)
        return -1;
    out->data[out->len++] = (int32_t)value;
    return 0;
}

static PyObject *
pack_groups(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 3 || !PyDict_Check(args[0]) || !PyLong_Check(args[1])
        || !PyLong_Check(args[2])) {
        PyErr_SetString(PyExc_TypeError,
                        "pack_groups(table: dict, first_group: int, flat_start: int)");
        return NULL;
    }
    PyObject *table = args[0];
    Py_ssize_t group = PyLong_AsSsize_t(args[1]), start = PyLong_AsSsize_t(args[2]);
    if ((group == -1 || start == -1) && PyErr_Occurred())
        return NULL;
    Ints flat = {NULL, 0, 0}, ends = {NULL, 0, 0};
    PyObject *result = NULL, *key, *value;
    Py_ssize_t pos = 0;
    while (PyDict_Next(table, &pos, &key, &value)) {
        if (PyLong_CheckExact(value))
            continue;
        if (!PyList_Check(value)) {
            PyErr_SetString(PyExc_TypeError, "pack_groups: a value is an int or a list");
            goto done;
        }
        for (Py_ssize_t i = 0; i < PyList_GET_SIZE(value); i++) {
            Py_ssize_t n = PyLong_AsSsize_t(PyList_GET_ITEM(value, i));
            if ((n == -1 && PyErr_Occurred()) || put_int(&flat, n) < 0)
                goto done;
        }
        if (put_int(&ends, start + flat.len) < 0)
            goto done;
        PyObject *number = PyLong_FromSsize_t(-group);
        if (number == NULL)
            goto done;
        group++;
        /* (a new value for a key already there: the table keeps its size and order, and
         * PyDict_Next may go on) */
        int failed = PyDict_SetItem(table, key, number);
        Py_DECREF(number);
        if (failed < 0)
            goto done;
    }
    /* (y# makes None of a NULL pointer: no group, no memory) */
    result = Py_BuildValue("(y#y#)", flat.data ? (const char *)flat.data : "",
                           flat.len * (Py_ssize_t)sizeof(int32_t),
                           ends.data ? (const char *)ends.data : "",
                           ends.len * (Py_ssize_t)sizeof(int32_t));
done:
    PyMem_Free(flat.data);
    PyMem_Free(ends.data);
    return result;
}

/* Does have, tokens joined by single spaces, hold token as one of them? */
static int
holds_token(PyObject *have, PyObject *token)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(have), t = PyUnicode_GET_LENGTH(token);
    Py_ssize_t at = 0;
    while (at <= n - t) {
        Py_ssize_t found = PyUnicode_Find(have, token, at, n, 1);
        if (found < 0)
            return found == -2 ? -1 : 0;
        if ((found == 0 || PyUnicode_READ_CHAR(have, found - 1) == ' ')
            && (found + t == n || PyUnicode_READ_CHAR(have, found + t) == ' '))
            return 1;
        at = found + 1;
    }
    return 0;
}

/* index.add_stem */
static int
add_stem(PyObject *stems, PyObject *key, PyObject *token)
{
    PyObject *have = PyDict_GetItemWithError(stems, key);  /* (borrowed) */
    if (have == NULL)
        return PyErr_Occurred() ? -1 : PyDict_SetItem(stems, key, token);
    if (!PyUnicode_Check(have)) {
        PyErr_SetString(PyExc_TypeError, "add_stems: a value of stems is no str");
        return -1;
    }
    int same = PyUnicode_Compare(have, token);
    if (same == -1 && PyErr_Occurred())
        return -1;
    if (same == 0)
        return 0;
    int held = holds_token(have, token);
    if (held != 0)
        return held < 0 ? -1 : 0;
    Py_ssize_t h = PyUnicode_GET_LENGTH(have), t = PyUnicode_GET_LENGTH(token);
    Py_UCS4 most = PyUnicode_MAX_CHAR_VALUE(have);
    if (PyUnicode_MAX_CHAR_VALUE(token) > most)
        most = PyUnicode_MAX_CHAR_VALUE(token);
    PyObject *joined = PyUnicode_New(h + 1 + t, most);
    if (joined == NULL)
        return -1;
    PyUnicode_CopyCharacters(joined, 0, have, 0, h);  /* (cannot fail: sizes checked) */
    PyUnicode_WRITE(PyUnicode_KIND(joined), PyUnicode_DATA(joined), h, ' ');
    PyUnicode_CopyCharacters(joined, h + 1, token, 0, t);
    int failed = PyDict_SetItem(stems, key, joined);
    Py_DECREF(joined);
    return failed;
}

static PyObject *
add_stems(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 4 || !PyDict_Check(args[0]) || !PyList_Check(args[1])
        || !PyList_Check(args[2]) || !PyList_Check(args[3])) {
        PyErr_SetString(PyExc_TypeError,
                        "add_stems(stems: dict, whole: list, of_stem: list, toks: list)");
        return NULL;
    }
    PyObject *stems = args[0], *whole = args[1], *of_stem = args[2], *toks = args[3];
    Py_ssize_t n = PyList_GET_SIZE(toks);
    if (PyList_GET_SIZE(whole) != n || PyList_GET_SIZE(of_stem) != n) {
        PyErr_SetString(PyExc_ValueError, "add_stems: the lists differ in length");
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *tok = PyList_GET_ITEM(toks, i), *key = PyList_GET_ITEM(whole, i);
        PyObject *key2 = PyList_GET_ITEM(of_stem, i);
        if (!PyUnicode_Check(tok) || !PyUnicode_Check(key) || !PyUnicode_Check(key2)) {
            PyErr_SetString(PyExc_TypeError, "add_stems: an item is no str");
            return NULL;
        }
        if (PyUnicode_GET_LENGTH(tok) == 0)
            continue;
        if (PyUnicode_GET_LENGTH(key) > 4 && add_stem(stems, key, tok) < 0)
            return NULL;
        if (PyUnicode_GET_LENGTH(key2) > 4) {
            int same = PyUnicode_Compare(key2, key);
            if (same == -1 && PyErr_Occurred())
                return NULL;
            if (same != 0 && add_stem(stems, key2, tok) < 0)
                return NULL;
        }
    }
    Py_RETURN_NONE;
}

/* glossary_columns: see the top of the file. */

enum { CS = 1, NO_FUZZY = 2, AMBIGUOUS = 4, GERMAN = 8 };

/* A spelling's flags (the bits above), or -1 with an exception set. */
static int
variant_flags(PyObject *variant, PyObject *const *names, PyObject *de)
{
    int flags = 0;
    for (int k = 0; k < 3; k++) {  /* case_sensitive, fuzzy, ambiguous */
        PyObject *value = PyObject_GetAttr(variant, names[k]);
        if (value == NULL)
            return -1;
        int truth = PyObject_IsTrue(value);
        Py_DECREF(value);
        if (truth < 0)
            return -1;
        if (k == 1)
            truth = !truth;
        flags |= truth << k;
    }
    PyObject *lang = PyObject_GetAttr(variant, names[3]);
    if (lang == NULL)
        return -1;
    int german = lang == Py_None ? 0 : PyObject_RichCompareBool(lang, de, Py_EQ);
    Py_DECREF(lang);
    if (german < 0)
        return -1;
    return flags | (german ? GERMAN : 0);
}

/* Are any of variants' texts equal to canonical? (-1: an exception) */
static int
spells_canonical(PyObject *variants, PyObject *canonical, PyObject *text_name)
{
    for (Py_ssize_t j = 0; j < PySequence_Fast_GET_SIZE(variants); j++) {
        PyObject *text = PyObject_GetAttr(PySequence_Fast_GET_ITEM(variants, j), text_name);
        if (text == NULL)
            return -1;
        int same = PyObject_RichCompareBool(text, canonical, Py_EQ);
        Py_DECREF(text);
        if (same != 0)
            return same;
    }
    return 0;
}

static PyObject *
glossary_columns(PyObject *module, PyObject *entries_arg)
{
    (void)module;
    static const char *const attrs[] = {"case_sensitive", "fuzzy", "ambiguous", "lang",
                                        "text", "variants", "canonical", "all_variants",
                                        "id", "type"};
    PyObject *names[10] = {NULL}, *de = NULL, *entries = NULL, *texts = NULL, *owner = NULL;
    PyObject *ids = NULL, *canonicals = NULL, *types = NULL, *result = NULL;
    unsigned char *flags = NULL;
    Py_ssize_t room = 0, n = 0;
    for (int k = 0; k < 10; k++)
        if ((names[k] = PyUnicode_InternFromString(attrs[k])) == NULL)
            goto done;
    if ((de = PyUnicode_FromString("de")) == NULL)
        goto done;
    entries = PySequence_Fast(entries_arg, "glossary_columns: entries is a sequence");
    if (entries == NULL)
        goto done;
    Py_ssize_t count = PySequence_Fast_GET_SIZE(entries);
    texts = PyList_New(0);
    owner = PyList_New(0);
    ids = PyList_New(count);
    canonicals = PyList_New(count);
    types = PyList_New(count);
    if (texts == NULL || owner == NULL || ids == NULL || canonicals == NULL || types == NULL)
        goto done;
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *entry = PySequence_Fast_GET_ITEM(entries, i);
        PyObject *id = PyObject_GetAttr(entry, names[8]);
        PyObject *type = id == NULL ? NULL : PyObject_GetAttr(entry, names[9]);
        PyObject *canonical = type == NULL ? NULL : PyObject_GetAttr(entry, names[6]);
        PyObject *listed = canonical == NULL ? NULL : PyObject_GetAttr(entry, names[5]);
        PyObject *variants = NULL, *number = NULL;
        int ok = 0;
        if (listed == NULL)
            goto entry_done;
        /* (a list whose items are not all set yet is only freed, where something fails) */
        PyList_SET_ITEM(ids, i, Py_NewRef(id));
        PyList_SET_ITEM(canonicals, i, Py_NewRef(canonical));
        PyList_SET_ITEM(types, i, Py_NewRef(type));
        variants = PySequence_Fast(listed, "glossary_columns: variants is a sequence");
        if (variants == NULL)
            goto entry_done;
        int spelled = spells_canonical(variants, canonical, names[4]);
        if (spelled < 0)
            goto entry_done;
        if (!spelled) {  /* the method adds the canonical form: as it does */
            Py_DECREF(variants);
            PyObject *all = PyObject_CallMethodNoArgs(entry, names[7]);
            variants = all == NULL ? NULL
                : PySequence_Fast(all, "glossary_columns: all_variants gives a sequence");
            Py_XDECREF(all);
            if (variants == NULL)
                goto entry_done;
        }
        if ((number = PyLong_FromSsize_t(i)) == NULL)
            goto entry_done;
        Py_ssize_t m = PySequence_Fast_GET_SIZE(variants);
        if (grow((void **)&flags, &room, n + m, 1) < 0)
            goto entry_done;
        for (Py_ssize_t j = 0; j < m; j++) {
            PyObject *variant = PySequence_Fast_GET_ITEM(variants, j);
            PyObject *text = PyObject_GetAttr(variant, names[4]);
            if (text == NULL)
                goto entry_done;
            int failed = PyList_Append(texts, text);
            Py_DECREF(text);
            int f = failed < 0 ? -1 : variant_flags(variant, names, de);
            if (f < 0 || PyList_Append(owner, number) < 0)
                goto entry_done;
            flags[n++] = (unsigned char)f;
        }
        ok = 1;
    entry_done:
        Py_XDECREF(id);
        Py_XDECREF(type);
        Py_XDECREF(listed);
        Py_XDECREF(canonical);
        Py_XDECREF(variants);
        Py_XDECREF(number);
        if (!ok)
            goto done;
    }
    PyObject *columns[4] = {NULL};
    for (int k = 0; k < 4; k++) {
        if ((columns[k] = PyBytes_FromStringAndSize(NULL, n)) == NULL)
            break;
        char *out = PyBytes_AS_STRING(columns[k]);
        for (Py_ssize_t v = 0; v < n; v++)
            out[v] = (char)((flags[v] >> k) & 1);
    }
    if (columns[3] != NULL)
        result = PyTuple_Pack(9, ids, canonicals, types, texts, owner, columns[0], columns[1],
                              columns[2], columns[3]);
    for (int k = 0; k < 4; k++)
        Py_XDECREF(columns[k]);
done:
    for (int k = 0; k < 10; k++)
        Py_XDECREF(names[k]);
    Py_XDECREF(ids);
    Py_XDECREF(canonicals);
    Py_XDECREF(types);
    Py_XDECREF(de);
    Py_XDECREF(entries);
    Py_XDECREF(texts);
    Py_XDECREF(owner);
    PyMem_Free(flags);
    return result;
}

static PyMethodDef methods[] = {
    {"distinct_words", distinct_words, METH_O,
     "distinct_words(text) -> (words, ids)"},
    {"token_lines", (PyCFunction)(void (*)(void))token_lines, METH_FASTCALL,
     "token_lines(texts, ascii_kinds, kinds) -> (lines_text, todo)"},
    {"pack_groups", (PyCFunction)(void (*)(void))pack_groups, METH_FASTCALL,
     "pack_groups(table, first_group, flat_start) -> (flat, ends)"},
    {"add_stems", (PyCFunction)(void (*)(void))add_stems, METH_FASTCALL,
     "add_stems(stems, whole, of_stem, toks) -> None"},
    {"glossary_columns", glossary_columns, METH_O,
     "glossary_columns(entries) -> (ids, canonicals, types, texts, owner, cs, no_fuzzy, "
     "ambiguous, german)"},
    {"key_lines", (PyCFunction)(void (*)(void))key_lines, METH_FASTCALL,
     "key_lines(ids, folded, keys, prefixes, first) -> (v_text, keys_of, most) or None"},
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
    if (m != NULL && PyModule_AddIntConstant(m, "VERSION", 7) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
