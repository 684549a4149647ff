"""Toezeggingen: register numbers (TZ202601-046) and promises written out ("heb ik uw Kamer toegezegd te ...")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from loaders.document import Document, Span
from loaders.extract.footnotes import find_footnotes
from loaders.extract.names import SURNAME
from loaders.mentions import CommitmentMention, Evidence, Mention

# To whom: "uw Kamer", "de Kamer", "het lid Bamenga", "de leden Dobbe en Ceder", "de commissie".
_ADDRESSEE = (
    rf"(?:uw\s+Kamer|de\s+(?:Tweede\s+)?Kamer|de\s+(?:vaste\s+)?commissie(?:\s+voor\s+[A-Z][\w ]*?(?=[\s,.]))?"
    rf"|het\s+(?:Kamer)?lid\s+{SURNAME}|de\s+(?:Kamer)?leden\s+{SURNAME}(?:\s*(?:,|en)\s*{SURNAME})*(?:\s+c\.s\.)?)"
)
# A register number in the Kamer's toezeggingenregister: "TZ202601-046".
_REGISTER_ID = re.compile(r"\bTZ\d{6}-\d{2,4}\b")
# The promise as a verb with what was promised: "heb ik uw Kamer toegezegd te bezien wat ...", "heeft het kabinet
# toegezegd te werken aan ...", "Ik heb toegezegd uw Kamer voor de zomer te informeren".
_PROMISED = re.compile(
    rf"\b(?:heb|hebben|heeft|is|zijn|werd|werden)\b[^.;:]{{0,60}}?(?:(?P<to>{_ADDRESSEE})\s+)?toegezegd\s+"
    rf"(?:(?P<to_after>{_ADDRESSEE})\s+)?(?P<promise>[^.;\s][^;]*?)(?=\.\s|\.$|;|\Z)",
    re.DOTALL,
)
# The promise referred to: "zoals toegezegd aan het lid Bamenga tijdens ...", "conform de toezegging van 15 mei jl.
# aan uw Kamer", "Hiermee kom ik mijn toezegging na" ("deze toezegging" points back to a promise already read).
_REFERRED = re.compile(
    rf"\b(?:[Zz]oals|[Aa]ls)\s+(?:eerder\s+|ook\s+)?toegezegd(?:\s+aan\s+(?P<to1>{_ADDRESSEE}))?"
    rf"|\b(?:[Dd]e|[Mm]ijn|[Oo]nze|[Ee]en)\s+toezegging\b(?!en)"
    rf"(?P<rest>(?:[^.;]|(?<=jl)\.){{0,80}}?\baan\s+(?P<to2>{_ADDRESSEE}))?",
)
# A minister's promise in a debate report: "De minister zegt de Kamer toe ...", "zeggen toe".
_PROMISES_NOW = re.compile(
    rf"\b(?:zegt|zeggen)\s+(?:(?P<to>{_ADDRESSEE})\s+)?toe\b(?:,)?\s*(?P<promise>[^;]*?)(?=\.\s|\.$|;|\Z)", re.DOTALL
)


# Who promised, as the sentence says before the promise: an office ("de minister voor BHO"), "ik", "wij", "het kabinet".
_ACTOR = re.compile(
    r"(?P<office>\b(?:[Dd]e[ \t\n]+)?(?:[Mm]inister(?:-[Pp]resident)?|[Ss]taatssecretaris)"
    r"(?:[ \t\n]+(?:van|voor)[ \t\n]+[A-Z][\w&-]*(?:[ \t\n]+(?:en[ \t\n]+)?[A-Z][\w&-]*)*)?)"
    r"|(?P<first>\b(?:[Ii]k|[Mm]ijn|[Mm]ij)\b)"
    r"|(?P<we>\b(?:[Ww]ij|[Ww]e|[Oo]nze?)\b)"
    r"|(?P<cabinet>\b(?:het|dit)[ \t\n]+kabinet\b)"
)


def _actor(doc: Document, start: int, end: int) -> str | None:
    """The last actor named in the promise's sentence up to the end of the promise word."""
    sentence = doc.sentence_at(start)
    last = None
    for match in _ACTOR.finditer(doc.text, sentence.start, end):
        last = match
    if last is None:
        return None
    if last.group("first"):
        return "ik"
    if last.group("we"):
        return "wij"
    return _clean(last.group())


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _to(match: re.Match[str], *groups: str) -> str | None:
    for group in groups:
        value = match.group(group)
        if value:
            return _clean(value)
    return None


def extract(doc: Document, found: Sequence[Mention]) -> list[Mention]:
    """One mention per toezegging; a register number in the promise's sentence or its footnote joins that promise."""
    text = doc.text
    promises: list[tuple[Span, CommitmentMention]] = []
    for match in _PROMISED.finditer(text):
        evidence = Evidence(match.start(), match.end(), "commitments.promised")
        made_to = _to(match, "to", "to_after")
        made_by = _actor(doc, match.start(), match.start("promise"))
        promises.append((doc.sentence_at(match.start()),
                         CommitmentMention(evidence, None, _clean(match.group("promise")), made_to, made_by)))
    for match in _PROMISES_NOW.finditer(text):
        evidence = Evidence(match.start(), match.end(), "commitments.promises")
        made_by = _actor(doc, match.start(), match.start("promise"))
        promises.append((doc.sentence_at(match.start()),
                         CommitmentMention(evidence, None, _clean(match.group("promise")), _to(match, "to"), made_by)))
    for match in _REFERRED.finditer(text):
        sentence = doc.sentence_at(match.start())
        if any(span == sentence for span, _ in promises):
            continue  # one toezegging per sentence
        evidence = Evidence(match.start(), match.end(), "commitments.referred")
        made_by = _actor(doc, match.start(), match.end())
        promises.append((sentence, CommitmentMention(evidence, None, doc.quote(sentence), _to(match, "to1", "to2"),
                                                     made_by)))

    footnotes = find_footnotes(text)
    result: list[CommitmentMention] = []
    joined: set[int] = set()
    for match in _REGISTER_ID.finditer(text):
        register_id = match.group()
        body = footnotes.body_at(match.start())
        # Where the number is attached: the sentence with the footnote's marker, else the number's own sentence.
        markers = [m.start for m in footnotes.markers if body is not None and m.number == body.number]
        anchor = markers[0] if markers else match.start()
        sentence = doc.sentence_at(anchor)
        index = next((i for i, (span, m) in enumerate(promises)
                      if i not in joined and span.start <= anchor <= span.end + 1), None)
        if index is not None:
            joined.add(index)
            promise = promises[index][1]
            promises[index] = (promises[index][0], CommitmentMention(
                Evidence(promise.evidence.start, promise.evidence.end, "commitments.register-id"),
                register_id, promise.text, promise.made_to, promise.made_by))
        else:
            result.append(CommitmentMention(Evidence(match.start(), match.end(), "commitments.register-id"),
                                            register_id, doc.quote(sentence)))
    result.extend(m for _, m in promises)
    return sorted(result, key=lambda m: m.evidence.start)
