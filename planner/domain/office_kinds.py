"""The kind of an office guessed from its name: a county-level government, a township, or a department.

"阿城区", "巴彦县", "尚志市" and their 政府/人民政府 are county-level governments
(县（市、区）), as are collective addressees such as "各区、县(市)政府"; names ending
in 乡, 镇 or 街道 (with their 政府 or 办事处) are townships and sub-districts
(乡镇（街道）). Everything else, a bureau or a commission, stays a department: the
default a clerk changes by hand where the name does not tell.
"""

from __future__ import annotations

import re

DEPARTMENT, COUNTY, TOWNSHIP = "department", "county", "township"

_GOVERNMENT_RE = re.compile(r"(?:人民政府|政府|办事处)$")
_TOWNSHIP_RE = re.compile(r".+(?:乡|镇|街道)$")
# A county-level division's own name: at least one character before the level word, and not a level word alone.
_COUNTY_RE = re.compile(r".*[^各市县区旗](?:区|县|市|旗|自治县)$")
# Collective addressees: 各区政府, 各区、县(市)政府, 各县（市、区）人民政府, 各县市区.
_COLLECTIVE_COUNTY_RE = re.compile(r"^各[区县市旗、()（）]+$")


def infer_office_kind(name: str) -> str:
    """"county", "township" or "department" for an office name as stored (normalised)."""
    text = name.strip()
    stem = _GOVERNMENT_RE.sub("", text)
    if _TOWNSHIP_RE.fullmatch(stem):
        return TOWNSHIP
    if _COLLECTIVE_COUNTY_RE.fullmatch(stem) or (stem != text or len(stem) <= 6) and _COUNTY_RE.fullmatch(stem):
        return COUNTY
    return DEPARTMENT
