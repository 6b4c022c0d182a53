#!/usr/bin/env python3
"""Read the server tables compiled into Debian's whois binary (amd64, PIE).

The whois source keeps its data in text files (tld_serv_list, new_gtlds_list,
servers_charset_list) that the build turns into C arrays of string pointers.
In a position-independent executable every such pointer slot carries an
R_X86_64_RELATIVE relocation whose addend is the string's address, so the arrays
can be rebuilt exactly from the relocation table:

  tld_serv[]        = {"tld", "server", ..., NULL, NULL}   (pairs)
  new_gtlds[]       = {"aaa", "aarp", ..., NULL}           (whois.nic.<tld> convention)
  servers_charset[] = {{"server", "charset", "options"|NULL}, ..., {NULL}}

Server values may start with a control byte (make_tld_serv.pl):
  \\x01 WEB <url>   \\x03 NONE   \\x04 VERISIGN <host>   \\x08 RECURSIVE <host>
  \\x0C ARPA (in-addr)   \\x0D IP6 (ip6.arpa)
Needs pyelftools.  Usage: debian_whois_tables.py /usr/bin/whois > tables.json
"""

import json
import re
import sys

from elftools.elf.elffile import ELFFile
from elftools.elf.relocation import RelocationSection

R_X86_64_RELATIVE = 8
LABEL = re.compile(r"[a-z0-9][a-z0-9-]*")
SUFFIX = re.compile(r"[a-z0-9][a-z0-9.-]*")


class Binary:
    def __init__(self, path):
        self.f = open(path, "rb")
        self.elf = ELFFile(self.f)
        assert self.elf["e_machine"] == "EM_X86_64", "amd64 binary expected"
        self.rel = {
            r["r_offset"]: r["r_addend"]
            for s in self.elf.iter_sections()
            if isinstance(s, RelocationSection)
            for r in s.iter_relocations()
            if r["r_info_type"] == R_X86_64_RELATIVE
        }
        self.loads = [
            (p["p_vaddr"], p["p_filesz"], p["p_offset"])
            for p in self.elf.iter_segments()
            if p["p_type"] == "PT_LOAD"
        ]

    def cstr(self, va):
        for base, size, off in self.loads:
            if base <= va < base + size:
                self.f.seek(va - base + off)
                return self.f.read(512).split(b"\0", 1)[0].decode("utf-8", "replace")
        return None

    def slot(self, va):
        """String a pointer slot points to, or None for a NULL/non-relocated slot."""
        return self.cstr(self.rel[va]) if va in self.rel else None


def tld_serv(b):
    anchor = next(
        va
        for va in sorted(b.rel)
        if b.slot(va) == "com" and (b.slot(va + 8) or "").endswith("whois.verisign-grs.com")
    )
    va = anchor
    while SUFFIX.fullmatch(b.slot(va - 16) or "") and b.slot(va - 8) is not None:
        va -= 16
    pairs = []
    while True:
        k, v = b.slot(va), b.slot(va + 8)
        if k is None and v is None:
            break
        assert k is not None and v is not None, hex(va)
        pairs.append([k, v])
        va += 16
    return pairs


def new_gtlds(b):
    for anchor in (va for va in sorted(b.rel) if b.slot(va) == "aarp"):
        va = anchor
        while LABEL.fullmatch(b.slot(va - 8) or ""):
            va -= 8
        out = []
        while LABEL.fullmatch(b.slot(va) or ""):
            out.append(b.slot(va))
            va += 8
        if len(out) > 50 and b.slot(va) is None:
            return out
    raise SystemExit("new_gtlds[] not found")


def servers_charset(b):
    anchor = next(
        va
        for va in sorted(b.rel)
        if b.slot(va) == "whois.denic.de" and (b.slot(va + 8) or "").lower() == "utf-8"
    )
    va = anchor
    while "." in (b.slot(va - 24) or "") and "-" in (b.slot(va - 16) or "") + "x-":
        if b.slot(va - 16) is None:
            break
        va -= 24
    out = []
    while va in b.rel:
        out.append([b.slot(va), b.slot(va + 8), b.slot(va + 16)])
        va += 24
    return out


if __name__ == "__main__":
    b = Binary(sys.argv[1])
    json.dump(
        {"tld_serv": tld_serv(b), "new_gtlds": new_gtlds(b), "servers_charset": servers_charset(b)},
        sys.stdout,
        ensure_ascii=True,
        indent=0,
    )
