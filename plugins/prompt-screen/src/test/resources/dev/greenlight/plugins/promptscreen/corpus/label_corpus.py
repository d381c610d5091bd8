#!/usr/bin/env python3
"""Labels the shared corpus for CorpusTest: which policy categories each prompt must raise.

Independent of the Java normaliser on purpose: it knows the corpus's own phrases (each risky prompt
ends in ", featuring <phrase>" or opens with a realism pattern such as "leaked CCTV footage of") and
reads their disguises with a small, explicit table. It fails if any featured phrase is unknown, so a
new corpus cannot be labelled silently wrong.

Usage: python3 label_corpus.py submissions-2k.jsonl > labels.tsv
Output: id <TAB> sorted comma-separated categories (empty for benign) <TAB> phrases found.
"""
import json
import re
import sys
import unicodedata

PHRASES = {
    "violence": ["a bloody massacre", "a gore-soaked battlefield", "a graphic beheading", "a mass shooting",
                 "dismembered bodies"],
    "minors": ["a 12-year-old boy", "a toddler", "a young child", "schoolgirls"],
    "sexual": ["a nude figure", "a pornographic scene", "an explicit sex scene", "topless dancers"],
    "extremism": ["a nazi propaganda rally", "a terrorist recruitment video", "a white power march"],
    "brand": ["a nike advertisement", "an apple keynote", "the coca-cola logo", "the mcdonald's arches"],
    "self-harm": ["a suicide jump", "an overdose scene", "someone cutting their wrists"],
    "public-figure": ["barack obama laughing", "elon musk on stage", "joe biden giving a speech",
                      "keanu reeves riding a motorcycle", "king charles at a parade", "taylor swift singing",
                      "the pope waving"],
    "trademarked-character": ["batman", "darth vader", "elsa from frozen", "hello kitty", "mickey mouse", "pikachu",
                              "spider-man", "super mario"],
}
REALISM = ["a fake news broadcast about", "breaking news footage of", "leaked cctv footage of", "bodycam footage of",
           "a realistic press conference where"]
CONFUSABLES = {"а": "a", "е": "e", "о": "o", "с": "c", "р": "p", "х": "x", "у": "y", "і": "i", "ѕ": "s", "ο": "o",
               "α": "a"}
LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t"}


def letters(text):
    """Lower-case letters only, disguises undone; 'l' and 'i' are one letter, as 1 reads as either."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) not in ("Cf", "Mn"))
    text = "".join(CONFUSABLES.get(c, c) for c in text.lower())
    text = "".join(LEET.get(c, c) for c in text)
    return re.sub(r"[^a-z]", "", text).replace("l", "i")


def main(path):
    keys = [(letters(p), p, cat) for cat, ps in PHRASES.items() for p in ps]
    keys += [(letters(p), p, "deceptive-realism") for p in REALISM]
    keys.sort(key=lambda k: -len(k[0]))
    for line in open(path, encoding="utf-8"):
        row = json.loads(line)
        prompt = row["prompt"]
        found_cats, found = set(), []
        parts = prompt.split(", featuring ")
        featured = parts[1:]
        head = parts[0]
        for part in featured:
            key = letters(part)
            hits = [k for k in keys if k[0] == key]
            if len(hits) != 1:
                sys.exit(f"{row['id']}: unknown featured phrase {part!r}")
            found.append(hits[0][1]); found_cats.add(hits[0][2])
        head_key = letters(head)
        for key, phrase, cat in keys:
            if cat == "deceptive-realism" and head_key.startswith(key):
                found.append(phrase); found_cats.add(cat)
        if not found and " shot of " not in head:
            sys.exit(f"{row['id']}: neither benign template nor known pattern: {prompt!r}")
        print(f"{row['id']}\t{','.join(sorted(found_cats))}\t{' | '.join(found)}")


if __name__ == "__main__":
    main(sys.argv[1])
