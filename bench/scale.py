"""A realistic N× corpus made from the seed texts, for scale benchmarks.

Why not copy the seeds N times: identical texts would hit any cache, share
IRIs and hide the real cost of growth.  Each variant of a seed is a distinct
municipality: its places get invented names (mastheads and titles included,
case kept), its units and posts are renamed within a family of synonyms, its
lists are reordered, its prose is reworded and trimmed, its deadlines scaled,
its gazettes renumbered and all its dates shifted back by the same amount (so a
reform still follows the ordinance it reforms).  Rewrites are keyed by the
content of a line, so the same article quoted in a reform and printed in the
consolidated text changes the same way.  Deterministic for a given ``seed``.

Usage: ``python -m bench.scale OUT_DIR [--factor 10] [--seed 7] [--seeds corpus/]``
"""

from __future__ import annotations

import argparse
import json
import random
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Callable

from bench import scale_rules as R

DEFAULT_SEED = 7
_MUNICIPAL_CUES = ("Municipio", "Municipalidad", "Cantón", "Canton", "Concejo", "Distrito", "Comuna",
                   "Partido", "Ayuntamiento")


@dataclass(frozen=True)
class Variant:
    """How one copy of the corpus differs from the seeds."""

    index: int
    seed: int
    shift_days: int  # negative: dates move into the past, never into the future
    gazette_offset: int
    deadline_factor: float
    organ_map: dict[str, str] = field(default_factory=dict)

    @property
    def shift_years(self) -> int:
        return round(self.shift_days / 365.25)


@dataclass
class Generated:
    """What :func:`generate` wrote."""

    files: list[Path]
    words: int
    municipalities: list[str]
    identical_line_share: float  # share of prose lines (8+ words) found verbatim in the seeds


def plan_variants(factor: int, seed: int = DEFAULT_SEED) -> list[Variant]:
    """``factor`` variants, each with its own date shift, numbering and organ names."""
    rng = random.Random(f"cabildo-bench:{seed}")
    variants = []
    for k in range(factor):
        days = -(365 * rng.randint(1, 12) + rng.randint(0, 90))
        variants.append(Variant(index=k, seed=rng.randrange(1 << 30), shift_days=days,
                                gazette_offset=rng.randint(5, 400), deadline_factor=rng.choice((0.5, 1.5, 2.0)),
                                organ_map=_organ_map(rng)))
    return variants


def _organ_map(rng: random.Random) -> dict[str, str]:
    """Capitalised organ words → replacements for one variant (a permutation per family)."""
    out: dict[str, str] = {}
    for family in R.ORGAN_FAMILIES:
        order = list(range(len(family.units)))
        rng.shuffle(order)
        for src, dst in enumerate(order):
            if src == dst:
                continue
            out[family.units[src]] = family.units[dst]
            s, d = family.posts[src], family.posts[dst]
            if s is not None and d is not None:
                out.update(dict(zip(s, d)))
    for a, b in R.ORGAN_FIELDS:
        if rng.random() < 0.5:
            out[a] = b
    return out


# ----------------------------------------------------------------------- places


def fold(text: str) -> str:
    """Lower case, no accents."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


def place_names(text: str) -> list[str]:
    """Proper place names the text uses, in order of first appearance (one spelling each).

    A candidate follows a place cue ("Municipio Heres", "CANTÓN SANTA ELVIRA")
    or opens a "place, date" line; it stops before a cue word ("HERES DEL
    ESTADO BOLÍVAR" gives HERES) and is kept only if none of its words ever
    appears in lower case in the text (a proper name never does; "Servicios" may).
    """
    lower_words = set(re.findall(r"\b[a-záéíóúñü]+\b", text))
    not_place = {fold(w) for w in R.NOT_PLACE} - R.NAME_JOINERS
    found: dict[str, str] = {}
    matches = [(m.start("name"), m["name"]) for m in R.PLACE_CUE.finditer(text)]
    matches += [(m.start("name"), m["name"]) for m in R.PLACE_BEFORE_DATE.finditer(text)]
    for _, name in sorted(matches):
        words = name.split()
        while words and fold(words[0]) in not_place | R.NAME_JOINERS:
            words.pop(0)
        cut = next((i for i, w in enumerate(words) if fold(w) in not_place), len(words))
        words = words[:cut]
        while words and fold(words[-1]) in R.NAME_JOINERS:
            words.pop()
        content = [w for w in words if fold(w) not in R.NAME_JOINERS]
        if not content or any(w.lower() in lower_words for w in content):
            continue
        found.setdefault(fold(" ".join(words)), " ".join(words))
    return list(found.values())


def main_place(text: str, names: list[str]) -> str | None:
    """The municipality a text is from: the first place after a municipal cue in its head,
    else the place it was signed in ("Trujillo 14 de enero del 2019")."""
    head = text[:5000]
    keyed = [(fold(n), n) for n in names]
    for m in R.PLACE_CUE.finditer(head):
        cue = m.group(0)[: m.start("name") - m.start()]
        if fold(cue.split()[0]) in {fold(c) for c in _MUNICIPAL_CUES}:
            for key, name in keyed:
                if fold(m["name"]).startswith(key):
                    return name
    for m in R.PLACE_BEFORE_DATE.finditer(text):
        for key, name in keyed:
            if fold(m["name"]).startswith(key):
                return name
    return None


def _accent_free_pattern(name: str) -> re.Pattern[str]:
    """Match ``name`` in any case, with or without accents ("Bolívar", "BOLIVAR")."""
    alts = {"a": "aáÁA", "e": "eéÉE", "i": "iíÍI", "o": "oóÓO", "u": "uúüÚÜU", "n": "nñÑN"}
    parts = []
    for ch in fold(name):
        parts.append(f"[{alts[ch]}{ch.upper()}]" if ch in alts else re.escape(ch) if not ch.isalpha()
                     else f"[{ch}{ch.upper()}]")
    return re.compile(r"(?<![\wÁÉÍÓÚÑáéíóúñ])" + r"\s+".join("".join(parts).split(r"\ ")) + r"(?![\wÁÉÍÓÚÑáéíóúñ])")


def _styled(replacement: str, matched: str) -> str:
    """``replacement`` written like ``matched`` (UPPER or as is)."""
    return replacement.upper() if matched.isupper() and len(matched) > 1 else replacement


def rename_places(text: str, mapping: dict[str, str]) -> str:
    for old in sorted(mapping, key=len, reverse=True):
        new = mapping[old]
        text = _accent_free_pattern(old).sub(lambda m, new=new: _styled(new, m.group(0)), text)  # type: ignore[misc]
    return text


def invented_names(rng: random.Random, avoid: set[str]) -> list[str]:
    """Every invented place name not in ``avoid`` (folded), in a seeded order."""
    names = [h + t for h in R.NAME_HEADS for t in R.NAME_TAILS]
    names = [n for n in names if fold(n) not in avoid]
    rng.shuffle(names)
    return names


# ----------------------------------------------------------------------- organs


def rename_organs(text: str, organ_map: dict[str, str]) -> str:
    """Capitalised organ words only: "la Dirección de Hacienda", not "la dirección del trabajo"."""
    if not organ_map:
        return text
    keys = sorted(organ_map, key=len, reverse=True)
    upper = {k.upper(): organ_map[k].upper() for k in keys}
    pattern = re.compile(r"(?<![\wÁÉÍÓÚÑáéíóúñ])(" + "|".join(re.escape(k) for k in keys + list(upper)) +
                         r")(?![\wÁÉÍÓÚÑáéíóúñ])")
    return pattern.sub(lambda m: organ_map.get(m.group(1)) or upper[m.group(1)], text)


# -------------------------------------------------------------------- lines


def _line_rng(variant: Variant, kind: str, content: str) -> random.Random:
    """Same content, same decision: keeps a quoted article and its consolidated copy equal."""
    return random.Random(f"{variant.seed}:{kind}:{' '.join(content.split())}")


_SYNONYM = re.compile(r"(?<![\wáéíóúñ])(" + "|".join(re.escape(a) for a, _ in R.PROSE_SYNONYMS) +
                      r")(?![\wáéíóúñ])")
_SYNONYMS = dict(R.PROSE_SYNONYMS)
_SENTENCE_END = re.compile(r"(?<=[.;])\s+(?=[A-ZÁÉÍÓÚÑ])")


def reword(line: str, variant: Variant) -> str:
    """Rewrite some prose phrases; drop one sentence of some long paragraphs."""
    rng = _line_rng(variant, "prose", line)
    line = _SYNONYM.sub(lambda m: _SYNONYMS[m.group(1)] if rng.random() < R.PROSE_RATE else m.group(1), line)
    line = R.COORDINATION.sub(lambda m: _swap(m) if rng.random() < R.COORDINATION_RATE else m.group(0), line)
    sentences = _SENTENCE_END.split(line)
    if len(sentences) >= 3 and rng.random() < R.DROP_SENTENCE_RATE:
        droppable = [i for i in range(1, len(sentences)) if not R.KEEP_SENTENCE.search(sentences[i])]
        if droppable:
            victim = rng.choice(droppable)
            kept = [s for i, s in enumerate(sentences) if i != victim]
            if victim == len(sentences) - 1:  # keep the paragraph's closing punctuation
                kept[-1] = kept[-1].rstrip(" ;") + ("." if not kept[-1].rstrip().endswith(".") else "")
            line = " ".join(kept)
    return line


def _swap(m: re.Match[str]) -> str:
    """The first two coordinated words in the other order."""
    if m["a"]:
        return f"{m['b']}, {m['a']} {m['conj']} {m['c']}"
    return f"{m['v2']} {m['conj2']} {m['v1']}"


_TAIL = re.compile(r"(?P<core>.*?)(?P<tail>(?:\s*[;,.:]+)?(?:\s+[yeo]\b\s*[;,.:]*)?\s*)$")


def _label_kind(lead: str) -> str:
    s = lead.strip()
    return "num" if s[:1].isdigit() else "alpha" if s[:1].isalpha() else "bullet"


def shuffle_lists(lines: list[str], variant: Variant) -> list[str]:
    """Reorder the items of some lists (three items or more), labels and end punctuation kept in place."""
    out = list(lines)
    i = 0
    while i < len(lines):
        m = R.LIST_ITEM.match(lines[i])
        if not m:
            i += 1
            continue
        run, kind, j = [i], _label_kind(m["lead"]), i + 1
        while j < len(lines):
            if not lines[j].strip():
                j += 1
                continue
            n = R.LIST_ITEM.match(lines[j])
            if not n or _label_kind(n["lead"]) != kind:
                break
            run.append(j)
            j += 1
        if len(run) >= 3:
            parts: list[tuple[str, str, str]] = []
            for k in run:
                item = R.LIST_ITEM.match(lines[k])
                assert item is not None
                split = _TAIL.match(item["body"])
                assert split is not None
                parts.append((item["lead"], split["core"], split["tail"]))
            rng = _line_rng(variant, "list", "\n".join(p[1] for p in parts))
            if rng.random() < R.SHUFFLE_LIST_RATE:
                cores = [p[1] for p in parts]
                rng.shuffle(cores)
                for k, (lead, _, end), core in zip(run, parts, cores):
                    out[k] = lead + core + end
        i = max(j, i + 1)
    return out


# ------------------------------------------------------------------- numbers


def _month(name: str) -> int | None:
    f = fold(name)
    return R.MONTH_ALIASES.get(f) or (R.MONTHS.index(f) + 1 if f in R.MONTHS else None)


def _case_like(word: str, model: str) -> str:
    return word.upper() if model.isupper() else word.capitalize() if model[:1].isupper() else word


def shift_dates(text: str, variant: Variant) -> str:
    """Move every date back by the variant's shift; a bare year moves by whole years."""
    delta = timedelta(days=variant.shift_days)

    def long_date(m: re.Match[str]) -> str:
        month = _month(m["m"])
        try:
            if month is None:
                raise ValueError
            new = date(int(m["y"]), month, int(m["d"])) + delta
        except (ValueError, OverflowError):
            return m.group(0)
        day = f"{new.day:02d}" if len(m["d"]) == 2 else str(new.day)
        return (f"\x02{day}{m['ord'] or ''}{m['sp1']}{_case_like(R.MONTHS[new.month - 1], m['m'])}{m['sp2']}"
                f"{m['ano'] or ''}{new.year}\x03")

    def numeric_date(m: re.Match[str]) -> str:
        try:
            new = date(int(m["y"]), int(m["m"]), int(m["d"])) + delta
        except (ValueError, OverflowError):
            return m.group(0)
        d = f"{new.day:02d}" if len(m["d"]) == 2 else str(new.day)
        mo = f"{new.month:02d}" if len(m["m"]) == 2 else str(new.month)
        return f"\x02{d}{m['sep']}{mo}{m['sep']}{new.year}\x03"

    text = R.LONG_DATE.sub(long_date, text)
    text = R.NUMERIC_DATE.sub(numeric_date, text)
    pieces = re.split(r"(\x02[^\x03]*\x03)", text)
    years = variant.shift_years
    for k in range(0, len(pieces), 2):  # outside already shifted dates only
        pieces[k] = R.BARE_YEAR.sub(lambda m: str(int(m["y"]) + years), pieces[k])
    return "".join(pieces).replace("\x02", "").replace("\x03", "")


def renumber(text: str, variant: Variant) -> str:
    """New gazette issue numbers and scaled deadlines in digits."""
    text = R.GAZETTE_NUMBER.sub(lambda m: f"{m['lead']}{int(m['n']) + variant.gazette_offset}", text)
    return R.DEADLINE_DIGITS.sub(
        lambda m: f"{max(1, round(int(m['n']) * variant.deadline_factor))}{m['unit']}", text)


# ------------------------------------------------------------------- one text


@dataclass
class DerivedText:
    text: str
    municipality: str
    masthead_added: bool
    places: dict[str, str]


def derive(text: str, variant: Variant, next_name: Callable[[], str]) -> DerivedText:
    """One seed text as the variant's municipality would print it."""
    names = place_names(text)
    mapping = {n: next_name() for n in names}
    main = main_place(text, names)
    out = rename_places(text, mapping)
    out = rename_organs(out, variant.organ_map)
    lines = shuffle_lists(out.split("\n"), variant)
    lines = [reword(line, variant) if line.strip() else line for line in lines]
    out = renumber(shift_dates("\n".join(lines), variant), variant)
    if main is not None:
        return DerivedText(out, mapping[main], False, mapping)
    municipality = next_name()
    return DerivedText(f"Municipio de {municipality}\n\n{out}", municipality, True, mapping)


def _is_prose(line: str) -> bool:
    """A line of eight words or more (headings and labels repeat in any corpus)."""
    return len(line.split()) >= 8


def _words(text: str) -> int:
    return len(text.split())


def generate(seeds: Path, out_dir: Path, *, factor: int = 10, seed: int = DEFAULT_SEED,
             limit_files: int | None = None) -> Generated:
    """Write ``factor`` variants of every seed ``*.txt`` (and a ``.meta.json`` each) into ``out_dir``.

    ``limit_files`` keeps only the smallest seed files (for quick tests).
    """
    files = sorted(p for p in seeds.iterdir() if p.suffix == ".txt")
    if limit_files is not None:
        files = sorted(sorted(files, key=lambda p: p.stat().st_size)[:limit_files])
    texts = {p: p.read_text(encoding="utf-8") for p in files}
    seed_words = {fold(w) for t in texts.values() for w in re.findall(r"\w+", t)}
    seed_lines = {line.strip() for t in texts.values() for line in t.split("\n") if _is_prose(line)}
    pool = invented_names(random.Random(f"names:{seed}"), seed_words)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    municipalities: list[str] = []
    words = same = total = 0

    def next_name() -> str:
        if not pool:
            raise ValueError("ran out of invented place names; add NAME_HEADS/NAME_TAILS")
        return pool.pop()

    for variant in plan_variants(factor, seed):
        for path in files:
            derived = derive(texts[path], variant, next_name)
            stem = f"{path.stem}__v{variant.index:02d}_{fold(derived.municipality)}"
            target = out_dir / f"{stem}.txt"
            target.write_text(derived.text, encoding="utf-8")
            meta = _seed_meta(path)
            meta["locality"] = derived.municipality
            if "issuing_body" in meta:
                body = rename_places(str(meta["issuing_body"]), derived.places)
                meta["issuing_body"] = rename_organs(body, variant.organ_map)
            meta["note"] = f"Synthetic variant {variant.index} of {path.name} for benchmarks (bench/scale.py); not real law."
            (out_dir / f"{stem}.meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
            written.append(target)
            municipalities.append(derived.municipality)
            words += _words(derived.text)
            lines = [line.strip() for line in derived.text.split("\n") if _is_prose(line)]
            total += len(lines)
            same += sum(1 for line in lines if line in seed_lines)
    return Generated(written, words, municipalities, same / max(total, 1))


def _seed_meta(path: Path) -> dict[str, object]:
    """What the seed's metadata says about country and issuer (never its jurisdiction or place)."""
    meta_path = path.with_name(path.stem + ".meta.json")
    if not meta_path.is_file():
        return {}
    data = json.loads(meta_path.read_text(encoding="utf-8"))
    return {k: data[k] for k in ("country", "issuing_body", "language") if k in data}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--seeds", type=Path, default=Path("corpus"))
    ap.add_argument("--factor", type=int, default=10)
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = ap.parse_args(argv)
    g = generate(args.seeds, args.out_dir, factor=args.factor, seed=args.seed)
    print(f"{len(g.files)} files, {g.words:,} words, {len(set(g.municipalities))} municipalities, "
          f"{g.identical_line_share:.0%} of prose lines verbatim from the seeds")


if __name__ == "__main__":
    main()
