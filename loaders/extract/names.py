"""Regular-expression parts for Dutch person names as letters write them ("D.M. van Weel", "Van der Lee", "Kröger")."""

from __future__ import annotations

#: Surname particles, capitalised at the start of a surname written alone ("Van der Lee"), lower-case after initials.
PARTICLE = (
    r"(?:[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Tt]er|[Tt]en|[Tt]e|[Hh]et|['’]t|[Ii]n|[Oo]p|[Ll]a|[Ll]e|[Dd]u|[Dd]['’]"
    r"|[Vv]on|[Dd]a|[Dd]os|[Ee]l|[Aa]l)"
)
#: One capitalised name word in mixed case: "Kröger", "Yeşilgöz", "O’Neill" (not an all-caps acronym like "VVD"),
#: also hyphenated at a line end in PDF text ("Brekel-\nmans").
WORD = r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ][^\W\d_]*(?:-[ \t]*\n[ \t]*[a-zß-öø-ÿ][^\W\d_]*)?(?:['’][^\W\d_]+)?"
#: A surname: particles, then one word, double names joined by a hyphen: "Van den Burg", "Yeşilgöz-Zegerius".
SURNAME = rf"(?:{PARTICLE}\s+)*{WORD}(?:-(?:{PARTICLE}\s+)*{WORD})*"
#: Initials: "D.M.", "T.B.W.", "Th.", "J. K.".
INITIALS = r"(?:[A-Z][a-z]?\.[ \t]?)+"
#: Academic and courtesy titles before a signed name: "mr.", "dr.", "drs.".
TITLES = r"(?:(?:mr|dr|drs|ir|ing|prof|mevr|dhr)\.[ \t]+)*"
