#!/usr/bin/env python3
"""An independent reader of the safetensors files Latent writes, on the Python 3 standard library
alone (no NumPy, no torch): proof that the format is the standard one.

    python3 read_safetensors.py FILE [--values]

Reads the 8-byte little-endian header length N, the N bytes of JSON header, and each tensor's
little-endian bytes at its data_offsets. When the header's __metadata__ holds latent.checksum
("crc32:xxxxxxxx"), checks it: zlib.crc32 of the whole file with those 8 hex digits read as the
character 0. Prints one JSON object: the metadata keys, whether the checksum matched, and per
tensor its dtype, shape, element count, sum, the SHA-256 of its values packed again as
little-endian (equal to the raw bytes when decoding is right) and, with --values, the values
themselves (repr of each float: exact). Exits 1 with a message on stderr for a malformed file.
"""
import array
import hashlib
import json
import struct
import sys
import zlib

DTYPES = {"F32": ("f", 4), "F64": ("d", 8)}
CHECKSUM_FIELD = b'"latent.checksum":"crc32:'


def fail(message):
    sys.stderr.write(message + "\n")
    sys.exit(1)


def read(path, with_values):
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 8:
        fail("%s: shorter than the 8-byte header length" % path)
    (n,) = struct.unpack("<Q", data[:8])
    if n > len(data) - 8:
        fail("%s: header length %d, but only %d bytes follow" % (path, n, len(data) - 8))
    header_bytes = data[8:8 + n]
    header = json.loads(header_bytes.decode("utf-8"))
    metadata = header.pop("__metadata__", {})
    start = 8 + n
    checksum = metadata.get("latent.checksum")
    checksum_ok = None
    if checksum is not None:
        at = 8 + header_bytes.index(CHECKSUM_FIELD) + len(CHECKSUM_FIELD)
        zeroed = data[:at] + b"0" * 8 + data[at + 8:]
        checksum_ok = checksum == "crc32:%08x" % (zlib.crc32(zeroed) & 0xFFFFFFFF)
    tensors = {}
    for name, entry in header.items():
        code, size = DTYPES[entry["dtype"]]
        begin, end = entry["data_offsets"]
        raw = data[start + begin:start + end]
        count = 1
        for d in entry["shape"]:
            count *= d
        if len(raw) != count * size:
            fail("%s: tensor %s has %d bytes, expected %d" % (path, name, len(raw), count * size))
        values = array.array(code)
        values.frombytes(raw)
        if sys.byteorder == "big":
            values.byteswap()
        repacked = struct.pack("<%d%s" % (len(values), code), *values)
        info = {
            "dtype": entry["dtype"],
            "shape": entry["shape"],
            "count": len(values),
            "sum": sum(values),
            "sha256": hashlib.sha256(repacked).hexdigest(),
        }
        if with_values:
            info["values"] = list(values)
        tensors[name] = info
    return {"metadata_keys": list(metadata.keys()), "checksum_ok": checksum_ok, "tensors": tensors}


if __name__ == "__main__":
    if len(sys.argv) < 2:
        fail("usage: read_safetensors.py FILE [--values]")
    result = read(sys.argv[1], "--values" in sys.argv[2:])
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")
