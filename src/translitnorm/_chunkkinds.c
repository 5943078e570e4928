/* translitnorm._chunkkinds: the chunk-kind pass of the fast exact scan, in C (optional).
 *
 * The fast scan (scan.py, Scanner._scan_fast) cuts a text into chunks at every space
 * (exactly as str.split(" ") does) and needs, for each chunk, the code that the scanner
 * worked out for that chunk text before: 0 (inert), 1 (must be scanned) or 2 (depends on
 * the next chunk). In Python that costs a string object and a dict look-up per chunk;
 * here the chunk texts are hashed in place and looked up in a table of their own.
 *
 *   ChunkTable()                 an empty table
 *   table.set(chunk, code)       remember chunk -> code (0, 1 or 2); replaces
 *   table.kinds(text, a, b)      (codes, starts) for text[a:b].split(" "):
 *                                codes[k] is chunk k's code, or 3 when the table does not
 *                                hold that chunk; starts holds len(codes) + 1 signed 64-bit
 *                                offsets in native byte order: chunk k is
 *                                text[starts[k]:starts[k + 1] - 1]
 *   table.settle(text, codes, starts, longest)
 *                                (a table of chains of chunks) codes and starts as kinds()
 *                                gave them, with each 2 (depends on the next chunks)
 *                                replaced where this table settles it: the chains of 2, 3,
 *                                ... longest chunks from it (joined by their single spaces)
 *                                are looked up in turn; the first one held as 0 or 1 gives
 *                                the code; one held as 2 goes on; one not held, or no chunks
 *                                left, leaves the 2 (the caller settles it)
 *   len(table)                   the number of chunks held
 *
 * Keys are kept as code points, so a chunk matches whatever the storage kind of the text
 * it stands in. The GIL is held throughout (each call is atomic for Python threads).
 * The pure-Python path in scan.py gives the same codes; tests/test_chunkkinds.py checks it.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

#define UNKNOWN 3
#define FNV_BASIS 1469598103934665603ULL
#define FNV_PRIME 1099511628211ULL

typedef struct {
    uint64_t hash;   /* 0: an empty slot */
    Py_ssize_t off;  /* where the key's code points start in the arena */
    Py_ssize_t len;  /* the key's length in code points */
    unsigned char code;
} Slot;

typedef struct {
    PyObject_HEAD
    Slot *slots;
    size_t mask;       /* slot count - 1 (a power of two), 0 before the first key */
    Py_ssize_t used;
    Py_UCS4 *arena;    /* the keys' code points, one after the other */
    Py_ssize_t arena_len;
    Py_ssize_t arena_cap;
} ChunkTable;

static inline uint64_t
finish(uint64_t h)
{
    /* spread the FNV-1a state over the low bits, which pick the slot; never 0 */
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 32;
    return h | 1;
}

static int
grow(ChunkTable *t)
{
    size_t cap = t->slots ? (t->mask + 1) * 2 : 1024;
    Slot *slots = PyMem_Calloc(cap, sizeof(Slot));
    if (slots == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    if (t->slots != NULL) {
        for (size_t i = 0; i <= t->mask; i++) {
            if (t->slots[i].hash == 0)
                continue;
            size_t j = t->slots[i].hash & (cap - 1);
            while (slots[j].hash != 0)
                j = (j + 1) & (cap - 1);
            slots[j] = t->slots[i];
        }
        PyMem_Free(t->slots);
    }
    t->slots = slots;
    t->mask = cap - 1;
    return 0;
}

static PyObject *
ChunkTable_set(ChunkTable *t, PyObject *args)
{
    PyObject *key;
    int code;
    if (!PyArg_ParseTuple(args, "Ui:set", &key, &code))
        return NULL;
#if PY_VERSION_HEX < 0x030C0000
    if (PyUnicode_READY(key) < 0)
        return NULL;
#endif
    if (code < 0 || code >= UNKNOWN) {
        PyErr_Format(PyExc_ValueError, "a chunk code is 0, 1 or 2, not %d", code);
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(key);
    int kind = PyUnicode_KIND(key);
    const void *data = PyUnicode_DATA(key);
    uint64_t h = FNV_BASIS;
    for (Py_ssize_t i = 0; i < n; i++) {
        h ^= PyUnicode_READ(kind, data, i);
        h *= FNV_PRIME;
    }
    h = finish(h);
    if (t->slots == NULL || (size_t)(t->used + 1) * 2 > t->mask + 1) {
        if (grow(t) < 0)
            return NULL;
    }
    size_t j = h & t->mask;
    while (t->slots[j].hash != 0) {
        Slot *s = &t->slots[j];
        if (s->hash == h && s->len == n) {
            const Py_UCS4 *a = t->arena + s->off;
            Py_ssize_t i = 0;
            while (i < n && a[i] == PyUnicode_READ(kind, data, i))
                i++;
            if (i == n) {
                s->code = (unsigned char)code;
                Py_RETURN_NONE;
            }
        }
        j = (j + 1) & t->mask;
    }
    if (t->arena_len + n > t->arena_cap) {
        Py_ssize_t cap = t->arena_cap ? t->arena_cap : 4096;
        while (cap < t->arena_len + n)
            cap *= 2;
        Py_UCS4 *arena = PyMem_Realloc(t->arena, (size_t)cap * sizeof(Py_UCS4));
        if (arena == NULL)
            return PyErr_NoMemory();
        t->arena = arena;
        t->arena_cap = cap;
    }
    for (Py_ssize_t i = 0; i < n; i++)
        t->arena[t->arena_len + i] = PyUnicode_READ(kind, data, i);
    Slot *s = &t->slots[j];
    s->hash = h;
    s->off = t->arena_len;
    s->len = n;
    s->code = (unsigned char)code;
    t->arena_len += n;
    t->used++;
    Py_RETURN_NONE;
}

/* One pass over text[a:b] for a storage type T: hash each chunk's code points, look the
 * chunk up, write its code and start. A virtual space at b ends the last chunk. */
#define KINDS_PASS(T)                                                                   \
    do {                                                                                \
        const T *chars = (const T *)data;                                               \
        for (Py_ssize_t i = a; i <= b; i++) {                                           \
            if (i < b && chars[i] != ' ') {                                             \
                h = (h ^ chars[i]) * FNV_PRIME;                                         \
                continue;                                                               \
            }                                                                           \
            uint64_t hh = finish(h);                                                    \
            Py_ssize_t len = i - first;                                                 \
            unsigned char code = UNKNOWN;                                               \
            if (t->slots != NULL) {                                                     \
                size_t j = hh & t->mask;                                                \
                while (t->slots[j].hash != 0) {                                         \
                    const Slot *s = &t->slots[j];                                       \
                    if (s->hash == hh && s->len == len) {                               \
                        const Py_UCS4 *key = t->arena + s->off;                         \
                        Py_ssize_t q = 0;                                               \
                        while (q < len && key[q] == chars[first + q])                   \
                            q++;                                                        \
                        if (q == len) {                                                 \
                            code = s->code;                                             \
                            break;                                                      \
                        }                                                               \
                    }                                                                   \
                    j = (j + 1) & t->mask;                                              \
                }                                                                       \
            }                                                                           \
            codes[k] = code;                                                            \
            starts[k] = (int64_t)first;                                                 \
            k++;                                                                        \
            first = i + 1;                                                              \
            h = FNV_BASIS;                                                              \
        }                                                                               \
    } while (0)

static PyObject *
ChunkTable_kinds(ChunkTable *t, PyObject *args)
{
    PyObject *text;
    Py_ssize_t a, b;
    if (!PyArg_ParseTuple(args, "Unn:kinds", &text, &a, &b))
        return NULL;
#if PY_VERSION_HEX < 0x030C0000
    if (PyUnicode_READY(text) < 0)
        return NULL;
#endif
    Py_ssize_t size = PyUnicode_GET_LENGTH(text);
    if (a < 0 || b < a || b > size) {
        PyErr_Format(PyExc_IndexError, "kinds(text, %zd, %zd) on a text of %zd characters",
                     a, b, size);
        return NULL;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t count = 1;
    for (Py_ssize_t i = a; i < b; i++)
        count += PyUnicode_READ(kind, data, i) == ' ';
    PyObject *codes_obj = PyBytes_FromStringAndSize(NULL, count);
    if (codes_obj == NULL)
        return NULL;
    PyObject *starts_obj = PyBytes_FromStringAndSize(NULL, (count + 1) * (Py_ssize_t)sizeof(int64_t));
    if (starts_obj == NULL) {
        Py_DECREF(codes_obj);
        return NULL;
    }
    unsigned char *codes = (unsigned char *)PyBytes_AS_STRING(codes_obj);
    int64_t *starts = (int64_t *)PyBytes_AS_STRING(starts_obj);
    Py_ssize_t k = 0;
    Py_ssize_t first = a;
    uint64_t h = FNV_BASIS;
    if (kind == PyUnicode_1BYTE_KIND)
        KINDS_PASS(Py_UCS1);
    else if (kind == PyUnicode_2BYTE_KIND)
        KINDS_PASS(Py_UCS2);
    else
        KINDS_PASS(Py_UCS4);
    starts[k] = (int64_t)b + 1;
    return Py_BuildValue("(NN)", codes_obj, starts_obj);
}

/* The code held for text[start:start + len], or UNKNOWN (any storage kind, one char at a
 * time: for the few chains of chunks that settle() looks up). */
static unsigned char
lookup(const ChunkTable *t, int kind, const void *data, Py_ssize_t start, Py_ssize_t len)
{
    if (t->slots == NULL)
        return UNKNOWN;
    uint64_t h = FNV_BASIS;
    for (Py_ssize_t i = 0; i < len; i++)
        h = (h ^ PyUnicode_READ(kind, data, start + i)) * FNV_PRIME;
    h = finish(h);
    size_t j = h & t->mask;
    while (t->slots[j].hash != 0) {
        const Slot *s = &t->slots[j];
        if (s->hash == h && s->len == len) {
            const Py_UCS4 *key = t->arena + s->off;
            Py_ssize_t q = 0;
            while (q < len && key[q] == PyUnicode_READ(kind, data, start + q))
                q++;
            if (q == len)
                return s->code;
        }
        j = (j + 1) & t->mask;
    }
    return UNKNOWN;
}

static PyObject *
ChunkTable_settle(ChunkTable *t, PyObject *args)
{
    PyObject *text;
    Py_buffer codes_in, starts_in;
    Py_ssize_t longest;
    if (!PyArg_ParseTuple(args, "Uy*y*n:settle", &text, &codes_in, &starts_in, &longest))
        return NULL;
    PyObject *result = NULL;
    Py_ssize_t n = codes_in.len;
    const int64_t *starts = (const int64_t *)starts_in.buf;
    Py_ssize_t size = PyUnicode_GET_LENGTH(text);
    if (starts_in.len != (n + 1) * (Py_ssize_t)sizeof(int64_t)) {
        PyErr_SetString(PyExc_ValueError, "settle: starts must hold len(codes) + 1 offsets");
        goto done;
    }
    for (Py_ssize_t k = 0; k <= n; k++) {
        if (starts[k] < 0 || starts[k] > size + 1 || (k && starts[k] <= starts[k - 1])) {
            PyErr_SetString(PyExc_ValueError, "settle: starts are not offsets of chunks");
            goto done;
        }
    }
    result = PyBytes_FromStringAndSize((const char *)codes_in.buf, n);
    if (result == NULL)
        goto done;
    unsigned char *codes = (unsigned char *)PyBytes_AS_STRING(result);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    for (Py_ssize_t k = 0; k < n; k++) {
        if (codes[k] != 2)
            continue;
        for (Py_ssize_t chain = 2; chain <= longest && k + chain <= n; chain++) {
            unsigned char code = lookup(t, kind, data, starts[k],
                                        (Py_ssize_t)(starts[k + chain] - 1 - starts[k]));
            if (code != 2) {
                if (code != UNKNOWN)
                    codes[k] = code;
                break;
            }
        }
    }
done:
    PyBuffer_Release(&codes_in);
    PyBuffer_Release(&starts_in);
    return result;
}

static Py_ssize_t
ChunkTable_len(ChunkTable *t)
{
    return t->used;
}

static void
ChunkTable_dealloc(ChunkTable *t)
{
    PyMem_Free(t->slots);
    PyMem_Free(t->arena);
    Py_TYPE(t)->tp_free((PyObject *)t);
}

static PyMethodDef ChunkTable_methods[] = {
    {"set", (PyCFunction)ChunkTable_set, METH_VARARGS,
     "set(chunk, code): remember the code (0, 1 or 2) of a chunk text."},
    {"kinds", (PyCFunction)ChunkTable_kinds, METH_VARARGS,
     "kinds(text, a, b) -> (codes, starts) for text[a:b].split(' ') (3: not held)."},
    {"settle", (PyCFunction)ChunkTable_settle, METH_VARARGS,
     "settle(text, codes, starts, longest) -> codes with each 2 replaced by the code of the "
     "shortest chain of 2..longest chunks from it that the table holds as 0 or 1."},
    {NULL, NULL, 0, NULL},
};

static PySequenceMethods ChunkTable_as_sequence = {
    .sq_length = (lenfunc)ChunkTable_len,
};

static PyTypeObject ChunkTableType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "translitnorm._chunkkinds.ChunkTable",
    .tp_doc = "Chunk text -> scan code (0, 1, 2), looked up for every chunk of a text.",
    .tp_basicsize = sizeof(ChunkTable),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = PyType_GenericNew,
    .tp_dealloc = (destructor)ChunkTable_dealloc,
    .tp_methods = ChunkTable_methods,
    .tp_as_sequence = &ChunkTable_as_sequence,
};

static struct PyModuleDef chunkkinds_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "translitnorm._chunkkinds",
    .m_doc = "The chunk-kind pass of translitnorm's fast exact scan, in C.",
    .m_size = -1,
};

PyMODINIT_FUNC
PyInit__chunkkinds(void)
{
    if (PyType_Ready(&ChunkTableType) < 0)
        return NULL;
    PyObject *m = PyModule_Create(&chunkkinds_module);
    if (m == NULL)
        return NULL;
    Py_INCREF(&ChunkTableType);
    if (PyModule_AddObject(m, "ChunkTable", (PyObject *)&ChunkTableType) < 0) {
        Py_DECREF(&ChunkTableType);
        Py_DECREF(m);
        return NULL;
    }
    if (PyModule_AddIntConstant(m, "VERSION", 2) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
