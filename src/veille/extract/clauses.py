"""What a figure's own clause says of it: planned or reached, and which figure a year dates.

A sentence often holds a fact and a plan side by side (`tourne autour de
20 000 unités et doit passer à 70 000`), so status is read from the words
that govern each figure, not from the nearest cue in the sentence:

- French: up the dependency tree from the figure to its verb. A verb in the
  future or the conditional, a planning verb (`prévoir`, `viser`, `devoir`,
  `aller` + infinitive), a purpose (`pour produire`), a planning noun
  (`l'objectif de`) or participle (`prévues`) makes it a target; an
  infinitive takes the status of what governs it; a finite verb in the
  present or the past, or an adverb such as `aujourd'hui`, makes it actual.
- English: no parser, so a clause grammar over lemmas: the clause is cut at
  `;`, brackets, `, and`/`, while`/`, which` and `and` before a new verb
  group, and the nearest verb group before the figure decides: a modal chain
  (`will`, `is set to`, `plans to`), an infinitive of purpose (`to invest`)
  or a planning noun make it a target; a finite verb or `currently`, actual.

In both languages the start of a change (`de 20 000 à 70 000`, `from 69% to
75%`) is where things stand: actual, even when the change is planned.
"""

from __future__ import annotations

from veille.extract.lexicon import lexicon
from veille.extract.tokens import Parse, Token
from veille.languages import LanguageCues, Phrase, language_cues
from veille.records import Status
from veille.resolve.folding import fold_keeping_dashes as fold

_VERBAL = frozenset({"VERB", "AUX"})
# Dependency labels through which a figure's status is its governor's.
_PASS_UP = frozenset({"xcomp", "mark", "case", "nummod", "det", "obl:arg", "fixed", "flat:name"})


def figure_status(parse: Parse, start: int, cues: LanguageCues) -> Status | None:
    """`target` or `actual` for the figure at `start`, or None when no token covers it."""
    index = parse.index_at(start)
    if index is None:
        return None
    if is_range_start(parse, index, cues):
        return "actual"
    if parse.tree:
        return _status_in_tree(parse, index, cues)
    return _status_in_clause(parse, index, cues)


def stated_as_current(parse: Parse, start: int, cues: LanguageCues) -> bool:
    """Whether an adverb of the present governs the figure's verb (`qu'il en gagne 600 000
    aujourd'hui`): a fact, whatever deadline its sentence names elsewhere."""
    index = parse.index_at(start)
    if index is None:
        return False
    if not parse.tree:
        lo, hi = clause_start(parse, index), clause_end(parse, index)
        return any(_phrase_ends_at(parse.tokens, i, cues.actual_adverbs) for i in range(lo, hi))
    for node in (index, *parse.ancestors(index)):
        if _has_actual_adverb(parse, node, cues):
            return True
        if parse.tokens[node].pos in _VERBAL:
            return False
    return False


def starts_change(parse: Parse, start: int, cues: LanguageCues) -> bool:
    """Whether the figure at `start` opens a change (`de 20 000 à 70 000`)."""
    index = parse.index_at(start)
    return index is not None and is_range_start(parse, index, cues)


def is_range_start(parse: Parse, index: int, cues: LanguageCues) -> bool:
    """`de 20 000 à 70 000`, `from 69% to 75%`: the figure after `de`/`from`, a figure to come."""
    tokens = parse.tokens
    if index == 0 or tokens[index - 1].lower not in cues.range_start:
        return False
    for later in range(index + 1, min(len(tokens), index + 5)):
        token = tokens[later]
        if token.lower in cues.range_end:
            following = tokens[later + 1] if later + 1 < len(tokens) else None
            return following is not None and following.text[:1].isdigit()
        if token.text in (",", ";", "."):
            return False
    return False


# ------------------------------------------------------------------ French: the tree


def _status_in_tree(parse: Parse, index: int, cues: LanguageCues) -> Status:
    tokens = parse.tokens
    via_infinitive = False
    for node in parse.ancestors(index):
        token = tokens[node]
        if token.pos == "NOUN" and token.lemma in cues.target_nouns:
            return "target"
        if (
            token.pos == "NOUN"
            and token.lemma in cues.action_nouns
            and _after_purpose(parse, node, cues)
        ):
            return "target"  # "pour la création de 11 000 emplois": a purpose, like "pour créer"
        if _planning_participle(parse, node, cues):
            return "target"
        if token.pos == "NOUN" and any(
            _planning_participle(parse, child, cues) for child in parse.children(node)
        ):
            return "target"  # "2 000 recrutements attendus"
        if _has_actual_adverb(parse, node, cues):
            return "actual"
        if (
            token.pos not in _VERBAL
            and _planning_verb(token, cues)
            and token.dep != "nmod"
            and (via_infinitive or token.lemma not in cues.infinitive_only)
        ):
            return "target"  # a planning verb the tagger took for a noun or an adjective
        if token.pos in _VERBAL or _is_copula_head(parse, node):
            verdict = _verb_status(parse, node, cues, via_infinitive=via_infinitive)
            if verdict == "target":
                return "target"
            if token.verb_form == "Inf" or token.dep in _PASS_UP or _gerund_adjunct(token):
                via_infinitive = via_infinitive or token.verb_form == "Inf"
                continue  # "doit passer à", "prévoit de produire": the governor decides
            return "actual"
    # No verb governs the figure: the parse went astray (a future verb taken for a
    # participle), or the sentence is nominal. The verb of its clause decides: the
    # nearest before it, else the first after it unless a coordinator stands between.
    verb = _clause_verb(parse, index, cues)
    if verb is not None and (_future(tokens[verb], cues) or _conditional(tokens[verb], cues)):
        return "target"
    return "actual"


def _gerund_adjunct(token: Token) -> bool:
    """`…, générant un volume de 20 Md$`: a present participle hanging on the clause says
    when its verb does (`sera destinée à l'export, générant …` is a plan)."""
    return token.verb_form == "Part" and token.tense == "Pres" and token.dep in ("acl", "advcl")


def _clause_verb(parse: Parse, index: int, cues: LanguageCues) -> int | None:
    tokens = parse.tokens

    def verbal(token: Token) -> bool:
        return (token.pos in _VERBAL and token.dep != "aux:tense") or _future(token, cues)

    for position in range(index - 1, -1, -1):
        if tokens[position].text in _BOUNDARY_TOKENS:
            break
        if verbal(tokens[position]):
            return position
    for position in range(index + 1, len(tokens)):
        token = tokens[position]
        if token.text in _BOUNDARY_TOKENS or token.pos == "CCONJ":
            return None
        if verbal(token):
            return position
    return None


def planned_verbs(parse: Parse, cues: LanguageCues) -> tuple[int, ...]:
    """Offsets of verbs in the future or conditional, and of planning verbs (`prévoit`)."""
    found = []
    for index, token in enumerate(parse.tokens):
        if parse.tree:
            planned = token.pos in _VERBAL and _verb_status(parse, index, cues) == "target"
        else:
            planned = _phrase_ends_at(parse.tokens, index, cues.target_chains)
        if planned:
            found.append(token.start)
    return tuple(found)


def tells_of_past(parse: Parse) -> bool:
    """Whether a verb of the sentence is in a past tense."""
    if parse.tree:
        return any(
            token.pos in _VERBAL
            and token.tense in ("Past", "Imp")
            and (token.verb_form == "Fin" or _has_auxiliary(parse, index))
            for index, token in enumerate(parse.tokens)
        )  # "Fondé en 1917, X revendique …" tells of the present
    return any(_finite_verb(t) and t.lower not in _EN.present_finite for t in parse.tokens[1:])


def _verb_status(
    parse: Parse, index: int, cues: LanguageCues, *, via_infinitive: bool = True
) -> Status:
    token = parse.tokens[index]
    children = [parse.tokens[c] for c in parse.children(index)]
    auxiliaries = [c for c in children if c.dep.startswith("aux")]
    needs_infinitive = token.lemma in cues.infinitive_only
    planning = _planning_verb(token, cues) and token.verb_form != "Part"
    if planning and (via_infinitive or not needs_infinitive):
        return "target"
    if any(a.lemma == "aller" and a.tense != "Past" for a in auxiliaries):
        return "target"  # "va investir"
    if any(_future(a, cues) for a in auxiliaries):
        return "target"  # "sera portée à 90 000"
    if any(_conditional(a, cues) for a in auxiliaries):
        return "actual"  # "aurait réalisé 16 000 ventes": reporting caution, not a plan
    if _future(token, cues) or _conditional(token, cues):
        return "target"
    if token.verb_form == "Inf" and any(_is_purpose(parse, c, cues) for c in parse.children(index)):
        return "target"  # "pour produire 200 bus par an"
    return "actual"


def _planning_verb(token: Token, cues: LanguageCues) -> bool:
    """A planning verb by its lemma, or by its form when the tagger took it for something
    else (`ambitionne` tagged as an adjective, `table sur` as a noun)."""
    return token.lemma in cues.target_verbs or token.lower in cues.target_verb_forms


def _future(token: Token, cues: LanguageCues) -> bool:
    """Future, by the model's morphology or by the word's form against its lemma (the
    model reads `emploiera` as a present)."""
    if token.pos not in _VERBAL or token.verb_form == "Inf":
        return False
    if token.tense == "Fut":
        return True  # the model's futures are right; it misses some, which the form catches
    return _ends(token, cues, False)


def _conditional(token: Token, cues: LanguageCues) -> bool:
    """Conditional by the form against the lemma; the model's mood only where the lemma gives
    no stem (it reads the imperfect `démarrait` as a conditional)."""
    if token.pos not in _VERBAL or token.verb_form == "Inf":
        return False
    if _future_stem(token.lemma) is None:
        return token.mood == "Cnd" or token.lower in cues.irregular_conditional
    return _ends(token, cues, True)


def _ends(token: Token, cues: LanguageCues, conditional: bool) -> bool:
    """Whether the word is its lemma's future (or conditional) form.

    The ending alone misleads (`démarrait` ends like `démarrerait`), so the
    word less its ending must be the lemma's future stem: `emploie|ra` from
    `employer`, `atteind|ra` from `atteindre`, `produi|ra` from `produire`.
    """
    word = token.lower
    if word in (cues.irregular_conditional if conditional else cues.irregular_future):
        return True
    endings = cues.conditional_endings if conditional else cues.future_endings
    stem = _future_stem(token.lemma)
    return stem is not None and any(
        word.endswith(ending) and _same_stem(word[: -len(ending)] + "r", stem) for ending in endings
    )


def _future_stem(lemma: str) -> str | None:
    """`employer` → `employer`, `atteindre` → `atteindr`: the stem the future adds `-a` to."""
    if lemma.endswith(("er", "ir")):
        return lemma
    if lemma.endswith("re"):
        return lemma[:-1]
    return None


def _same_stem(candidate: str, stem: str) -> bool:
    """Equal up to accents and the `y`/`i` change of `-oyer` verbs (`emploiera`, `achètera`)."""
    return fold(candidate).replace("y", "i") == fold(stem).replace("y", "i")


def _after_purpose(parse: Parse, index: int, cues: LanguageCues) -> bool:
    """Whether a noun is introduced by a purpose word (`pour la création`)."""
    for child in parse.children(index):
        token = parse.tokens[child]
        if token.dep in ("case", "mark") and any(p[0] == token.lower for p in cues.purpose):
            return True
    return False


def _is_purpose(parse: Parse, child: int, cues: LanguageCues) -> bool:
    token = parse.tokens[child]
    if token.dep != "mark":
        return False
    return any(phrase[0] == token.lower for phrase in cues.purpose)


def _planning_participle(parse: Parse, index: int, cues: LanguageCues) -> bool:
    token = parse.tokens[index]
    return (
        token.dep in ("acl", "amod")
        and (token.lemma in cues.target_participles or token.lower in cues.target_verb_forms)
        and (token.verb_form == "Part" or token.lower.endswith(_PARTICIPLE_ENDINGS))
    )


_PARTICIPLE_ENDINGS = ("é", "ée", "és", "ées", "u", "ue", "us", "ues", "is", "ise", "ises")


def _has_auxiliary(parse: Parse, index: int) -> bool:
    return any(parse.tokens[c].dep.startswith("aux") for c in parse.children(index))


def planned_by_adverb(parse: Parse, start: int, cues: LanguageCues) -> bool:
    """A planning adverbial in the figure's own clause: `à terme`, `eventually`.

    French: attached to the figure or to a word between it and its verb;
    English: between the clause's boundaries.
    """
    index = parse.index_at(start)
    if index is None:
        return False
    tokens = parse.tokens
    if parse.tree:
        chain = [index]
        for node in parse.ancestors(index):
            chain.append(node)
            if tokens[node].pos in _VERBAL and tokens[node].verb_form != "Inf":
                break
        attached = [i for i, t in enumerate(tokens) if i in chain or t.head in chain]
    else:
        attached = list(range(clause_start(parse, index), clause_end(parse, index)))
    return any(_phrase_ends_at(tokens, i, cues.target_adverbs) for i in attached)


def _is_copula_head(parse: Parse, index: int) -> bool:
    return any(parse.tokens[c].dep == "cop" for c in parse.children(index))


def _has_actual_adverb(parse: Parse, index: int, cues: LanguageCues) -> bool:
    words = {parse.tokens[c].lower for c in parse.children(index)}
    return any(len(p) == 1 and p[0] in words for p in cues.actual_adverbs)


# ------------------------------------------------------------------ English: the clause

_BOUNDARY_TOKENS = frozenset({";", ":", "(", ")", "—", "–", "[", "]"})
_EN = language_cues("en")  # the English clause grammar's word classes (languages/en.toml)


def _status_in_clause(parse: Parse, index: int, cues: LanguageCues) -> Status:
    tokens = parse.tokens
    lo = clause_start(parse, index)
    for position in range(index - 1, lo - 1, -1):
        if _phrase_ends_at(tokens, position, cues.actual_adverbs):
            return "actual"
        if _phrase_ends_at(tokens, position, cues.target_chains):
            return "target"
        if _purpose_at(tokens, position, cues):
            return "target"
        token = tokens[position]
        if token.lemma in cues.target_nouns and _next_is(tokens, position, "of"):
            return "target"  # "a target of 50,000", "with the aim of reaching"
        if _finite_verb(token):
            return _verb_group_status(tokens, position, lo, cues)
    later = clause_end(parse, index)
    for position in range(index + 1, later):
        if _phrase_ends_at(tokens, position, cues.actual_adverbs):
            return "actual"
    before = lo - 2 if lo >= 2 and tokens[lo - 2].text == "," else lo - 1
    if before > 0 and tokens[lo - 1].lower in ("and", "or") and _bare_verb_at(tokens, lo):
        # "will complement its plants, and bring its workforce to 7,200": the second verb
        # shares the first one's auxiliaries
        return _status_in_clause(parse, before, cues)
    return "actual"


def _bare_verb_at(tokens: tuple[Token, ...], position: int) -> bool:
    """A base form opening a coordinated verb phrase: a word that is its own lemma and is
    followed by its object (a determiner, a possessive or a name), as in `and bring Lear's`."""
    token = tokens[position]
    if not token.lower.isalpha() or token.lower != token.lemma or token.text[:1].isupper():
        return False
    if position + 1 >= len(tokens):
        return False
    following = tokens[position + 1]
    return following.lower in _EN.determiners or following.text[:1].isupper()


def _verb_group_status(
    tokens: tuple[Token, ...], position: int, lo: int, cues: LanguageCues
) -> Status:
    """`will be ramped up`, `has been sold`: the auxiliaries before a verb form decide."""
    start = position
    while start - 1 >= lo and tokens[start - 1].lemma in _EN.auxiliaries:
        start -= 1
    for inside in range(start, position + 1):
        if _phrase_ends_at(tokens, inside, cues.target_chains):
            return "target"
    return "actual"


def clause_start(parse: Parse, index: int) -> int:
    """The first token of the clause holding token `index` (English clause grammar)."""
    for position in range(index - 1, -1, -1):
        if parse.tokens[position].text in _BOUNDARY_TOKENS:
            return position + 1
        if position + 1 < index and _opens_clause(parse.tokens, position):
            return position + 1
    return 0


def clause_end(parse: Parse, index: int) -> int:
    """The token after the last one of the clause holding token `index`."""
    for position in range(index + 1, len(parse.tokens)):
        if parse.tokens[position].text in _BOUNDARY_TOKENS or _opens_clause(parse.tokens, position):
            return position
    return len(parse.tokens)


def _opens_clause(tokens: tuple[Token, ...], position: int) -> bool:
    """`, and`, `, which`, or `and` before a new verb group (`… and is set to reach`)."""
    if tokens[position].lower not in _EN.clause_openers or position + 1 >= len(tokens):
        return False
    after = tokens[position + 1]
    comma_before = position > 0 and tokens[position - 1].text == ","
    return comma_before or _finite_verb(after) or after.lower in ("will", "would")


def _finite_verb(token: Token) -> bool:
    """A finite verb without a tagger: a form of be/have/do, or a regular or irregular past."""
    if token.lower in ("'s", "’s"):
        return False  # "the site's capacity": a possessive, not "is"
    if token.lemma in _EN.finite_lemmas and token.lower not in ("be", "been", "being", "to"):
        return True
    if token.text[:1].isupper():
        return False  # "Limited", "United": names, not verbs
    if token.lower != token.lemma and token.lower.endswith("ed") and token.lemma.isalpha():
        return True
    return token.lower in _EN.irregular_past or token.lower in _EN.present_forms


def _finite_at(tokens: tuple[Token, ...], position: int) -> bool:
    """`_finite_verb`, or a listed verb's base form after a plural subject (`Sales of xEVs
    remain`), unless an infinitive marker or a modal stands before it (`to reach`)."""
    token = tokens[position]
    if _finite_verb(token):
        return True
    before = tokens[position - 1].lower if position > 0 else ""
    return token.lower in _EN.present_bases and before not in _EN.modals


def _phrase_ends_at(tokens: tuple[Token, ...], position: int, phrases: tuple[Phrase, ...]) -> bool:
    for phrase in phrases:
        begin = position - len(phrase) + 1
        if begin < 0:
            continue
        if all(_word(tokens[begin + k]) == phrase[k] for k in range(len(phrase))):
            return True
    return False


def _word(token: Token) -> str:
    return token.lemma if token.lemma else token.lower


def _purpose_at(tokens: tuple[Token, ...], position: int, cues: LanguageCues) -> bool:
    """`to invest`, `to create`: an infinitive of purpose (the word after `to` is a verb)."""
    if not _phrase_ends_at(tokens, position, cues.purpose) or position + 1 >= len(tokens):
        return False
    if position > 0 and tokens[position - 1].lower in cues.not_purpose_after:
        return False  # "proud to celebrate", "able to build": a feeling or an ability
    following = tokens[position + 1]
    if following.lower in lexicon().number_words:
        return False  # "close to four in ten": a number, not a verb
    return following.lower.isalpha() and following.lower not in _EN.not_verbs


def _next_is(tokens: tuple[Token, ...], position: int, word: str) -> bool:
    return position + 1 < len(tokens) and tokens[position + 1].lower == word


# ------------------------------------------------------------------ what a figure measures


def is_growth(parse: Parse, start: int, cues: LanguageCues) -> bool:
    """A percentage that measures a change: `en repli de 2 %`, `a 15% decline`, `up 5%`."""
    index = parse.index_at(start)
    if index is None:
        return False
    tokens = parse.tokens
    if parse.tree:
        near = [index, *parse.ancestors(index)[:1]]  # the number and its "%"
        markers = {
            tokens[c].lower for n in near for c in parse.children(n) if tokens[c].dep == "case"
        }
        if markers & {"à", "a"} or any(len(p) == 1 and p[0] in markers for p in cues.comparison):
            # "faire grimper son taux à 65 %": a level reached, not a change; so is a point
            # of comparison ("a progressé à 20,9 %, contre 20,3 % en 2020")
            return False
        for node in [index, *parse.ancestors(index)][:3]:
            if tokens[node].lemma in cues.growth or tokens[node].lower in cues.growth:
                return True
            if tokens[node].pos in _VERBAL:
                break
        return False
    following = [t for t in tokens[index + 1 : index + 4] if t.text not in ("%", "percent")]
    if following and following[0].lemma in cues.growth:
        return True  # "a 15% decline"
    before = [t for t in tokens[max(0, index - 3) : index] if t.text not in ("(", "+")]
    if before and before[-1].lower in ("up", "down"):
        # "up 5%" is a change; "make up 48%", "takes up a third" are no change
        return len(before) < 2 or before[-2].lemma not in _EN.phrasal_levels
    return (
        len(before) >= 2
        and before[-1].lower in ("of", "by")
        and (before[-2].lemma in cues.growth or before[-2].lower in cues.growth)
    )


def subject_head(parse: Parse, start: int) -> tuple[Token, tuple[int, int]] | None:
    """The head word of the subject of the clause that governs the figure at `start`, with
    the subject's character span.

    French: the `nsubj` of the figure's verb (shared with the verb it is
    coordinated with). English: the words from the clause's start (after its
    last comma) to its first finite verb, whose head is the last word before
    a preposition (`Sales` in `Sales of xEVs remain`).
    """
    index = parse.index_at(start)
    if index is None:
        return None
    tokens = parse.tokens
    if not parse.tree:
        lo = clause_start(parse, index)
        while lo >= 2 and tokens[lo - 1].text == ")":
            # "Light commercial vehicles (LCVs) enjoyed …": the subject is before the bracket
            opening = next((i for i in range(lo - 2, -1, -1) if tokens[i].text == "("), None)
            if opening is None or opening == 0:
                break
            lo = clause_start(parse, opening - 1)
        verb = next((i for i in range(lo, index) if _finite_at(tokens, i)), None)
        if verb is None and lo >= 2 and tokens[lo - 1].text == "(":
            # "(140,000 sales compared to …)": a bracket's figure belongs to the clause around it
            return subject_head(parse, tokens[lo - 2].start)
        if verb is None:
            return None
        commas = [i for i in range(lo, verb) if tokens[i].text == ","]
        lo = commas[-1] + 1 if commas else lo
        phrase = [i for i in range(lo, verb) if tokens[i].lower not in _EN.adverbs]
        ends = _EN.noun_phrase_ends
        cut = next((k for k, i in enumerate(phrase) if tokens[i].lower in ends), len(phrase))
        if cut == 0:
            return None
        return tokens[phrase[cut - 1]], (tokens[lo].start, tokens[verb - 1].end)
    for node in parse.ancestors(index):
        verbal = tokens[node].pos in _VERBAL or _has_auxiliary(parse, node)
        if not verbal and not _is_copula_head(parse, node):
            continue  # only a verb has a subject; "véhicules" read as a noun's nsubj is noise
        for child in parse.children(node):
            if tokens[child].dep.startswith("nsubj"):
                covered = _subtree(parse, child)
                if index not in covered:
                    return tokens[child], (tokens[min(covered)].start, tokens[max(covered)].end)
        if tokens[node].dep not in ("conj", "xcomp"):
            return None
    return None


def _subtree(parse: Parse, index: int) -> list[int]:
    found = [index]
    for child in parse.children(index):
        found += _subtree(parse, child)
    return found


def is_denied(parse: Parse, start: int, cues: LanguageCues) -> bool:
    """A figure after a verb of denial: `nie avoir investi 300 M€`, `dismissed reports of`."""
    return any(
        t.end <= start and (t.lemma in cues.denial_verbs or t.lower in cues.denial_verbs)
        for t in parse.tokens
    )
