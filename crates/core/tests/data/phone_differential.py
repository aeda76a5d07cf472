#!/usr/bin/env python3
"""Writes phone_differential.tsv: phone cells of the classes of issue 15,
each with libphonenumber's reading of it (the Java/Python reference),
for crates/core/tests/phone_differential.rs. The test needs only the TSV;
this script is how it was made:

    pip install phonenumbers==9.0.42
    python3 crates/core/tests/data/phone_differential.py > crates/core/tests/data/phone_differential.tsv

Columns: class, campaign calling code, cell (non-ASCII characters escaped
as \\u{...}), reading. A reading is `+E164 type`, `ext` (parsed with an
extension), `invalid` (parsed, not valid), `error` (not parsed), or a rule
code where the project's documented cell rules decide otherwise (`P004`).
For class `cf` the reading is that of the cell without its format
characters, which the project strips with a P002 warning.
"""
import random
import sys
import unicodedata

import phonenumbers as p
from phonenumbers import PhoneNumberFormat as F

assert p.__version__ == "9.0.42", p.__version__
random.seed(15)

REGIONS = ["IN", "US", "GB", "AE", "SG", "AU", "DE", "BR", "NG", "ZA", "MX"]
TYPES = {0: "fixed_line", 1: "mobile", 2: "fixed_line_or_mobile", 3: "toll_free",
         4: "premium_rate", 5: "shared_cost", 6: "voip", 7: "personal_number",
         8: "pager", 9: "uan", 10: "voicemail", 99: "unknown"}


def reading(cell, code):
    region = p.region_code_for_country_code(code)
    try:
        n = p.parse(cell, region)
    except p.NumberParseException:
        return "error"
    if n.extension:
        return "ext"
    if not p.is_valid_number(n):
        return "invalid"
    return p.format_number(n, F.E164) + " " + TYPES[p.number_type(n)]


def escape(cell):
    return "".join(c if 0x20 <= ord(c) < 0x7f else "\\u{%x}" % ord(c) for c in cell)


rows = []


def add(cls, code, cell, expected=None):
    rows.append((cls, code, cell, expected if expected is not None else reading(cell, code)))


def examples(region):
    out = []
    for t in (p.PhoneNumberType.MOBILE, p.PhoneNumberType.FIXED_LINE):
        n = p.example_number_for_type(region, t)
        if n is not None:
            out.append(n)
    return out


# 1. Extensions, in every spelling libphonenumber reads.
SUFFIXES = [";12", ",,12", ",12", " ext 12", " ext. 12", " extn 12", " extension 12",
            " x12", " X 12", "#12", " #12#", "-123#", "~12", " ~ 12", "\uff5e12",
            " anexo 12", " int.12", " \u0434\u043e\u0431 12", ";ext=12", " ext: 12",
            " x 1234567", "\uff58 12", "\uff0312"]
for region in REGIONS:
    code = p.country_code_for_region(region)
    for n in examples(region):
        for base in (p.format_number(n, F.NATIONAL), p.format_number(n, F.E164),
                     p.format_number(n, F.INTERNATIONAL)):
            for suffix in SUFFIXES:
                add("ext", code, base + suffix)

# 2. Valid numbers of 16 to 19 digits.
LONG = {"DE": ["800", "700", "180", "181", "32", "89", "30"], "NG": ["800", "700"],
        "JP": ["0037", "0066", "0078", "00777"], "KR": ["00798", "00308"],
        "ID": ["001803", "007803"], "UY": ["0004"]}
for region, prefixes in LONG.items():
    code = p.country_code_for_region(region)
    found = 0
    tries = 0
    while found < 40 and tries < 200000:
        tries += 1
        prefix = random.choice(prefixes)
        nsn = prefix + "".join(random.choice("0123456789") for _ in range(random.randint(8, 15)))
        try:
            n = p.parse("+%d%s" % (code, nsn), None)
        except p.NumberParseException:
            continue
        e164 = p.format_number(n, F.E164)
        if not p.is_valid_number(n) or len(e164) - 1 < 16:
            continue
        found += 1
        for cell in (e164, p.format_number(n, F.INTERNATIONAL), p.format_number(n, F.NATIONAL),
                     "+ " + e164[1:]):
            add("long", code, cell)
            add("long", 91, cell)

# 3, 4, 5. U+FF5E, U+30FC and `/` between digit groups.
for region in REGIONS + ["JP", "FR", "RE"]:
    code = p.country_code_for_region(region)
    for n in examples(region):
        for fmt in (F.NATIONAL, F.INTERNATIONAL):
            text = p.format_number(n, fmt)
            for cls, sep in (("ff5e", "\uff5e"), ("30fc", "\u30fc"), ("slash", "/")):
                add(cls, code, text.replace(" ", sep).replace("-", sep))
                add(cls, code, text.replace(" ", sep, 1))
                digits = p.format_number(n, F.E164)
                add(cls, code, digits[:6] + sep + digits[6:])
                add(cls, 91, text.replace(" ", sep))
# Two numbers on either side of a slash stay P004.
for region in REGIONS:
    code = p.country_code_for_region(region)
    numbers = examples(region)
    if len(numbers) == 2:
        a, b = (p.format_number(n, F.NATIONAL) for n in numbers)
        add("slash", code, a + " / " + b, "P004")
        add("slash", code, a + "/" + b, "P004")
add("slash", 91, "+918123/456/60/1")

# 6. Every format character (Cf), inside, before and after a number.
CF = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf"]
for extra in range(0x13439, 0x13440):  # Cf since Unicode 15; Python here knows 14
    CF.append(chr(extra))
bases = [(91, "+919876543218"), (91, "98765 43218"), (49, "030 123456"), (1, "(201) 555-0123")]
for i, c in enumerate(CF):
    code, base = bases[i % len(bases)]
    middle = len(base) // 2
    for cell in (base[:middle] + c + base[middle:], c + base, base + c):
        rows.append(("cf", code, cell, reading("".join(ch for ch in cell if ch != c), code)))

# The issue's own examples.
for cell in ["9876543210;12", "9876543210,,12", "98765-43210-123#", "161-2345-242 ~ 12",
             "9876543210\uff5e12", "6581\uff5e27991 8", "+ 91\uff5e29 06834\u2015630",
             "+262\uff5e\uff3b692\uff3d\u2010423456", "98765\u30fc43210", "+91987\u200e6543218"]:
    add("issue", 91, cell if "\u200e" not in cell else cell,
        None if "\u200e" not in cell else reading(cell.replace("\u200e", ""), 91))
for cell in ["+4980012364567818", "0800 12345631387", "810 212 891234508", "+49 800 51234569207",
             "+ 23470006818831340"]:
    add("issue", 49, cell)

seen = set()
for cls, code, cell, expected in rows:
    key = (code, cell)
    if key in seen:
        continue
    seen.add(key)
    sys.stdout.write("%s\t%d\t%s\t%s\n" % (cls, code, escape(cell), expected))
