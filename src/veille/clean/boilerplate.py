"""The boilerplate rules: named patterns for lines that are not the article.

Each rule names a kind of noise every news site has (share bars, embeds,
"read also" teasers, cookie banners...), never one sentence of one site, so that
the same list works on sites it has not seen. A rule only fires on lines up to
its `max_len`, which keeps it from eating a body sentence that happens to
mention Facebook or a newsletter. The names are what drop statistics count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FLAGS = re.IGNORECASE | re.UNICODE
# A pattern that opens with `(?=.*…)` matches wherever it matches at the start of its
# line, but `search` would retry it at every offset, each time scanning to the end:
# quadratic on long lines. Anchoring it changes nothing but the cost.
LINE_START = r"(?:^|(?<=\n))"


def fold_case(line: str) -> str:
    """The line as `Rule.needs` reads it: wherever a case-blind pattern matches a word,
    the folded line holds that word in lower case.

    `re.IGNORECASE` also equates `i` with dotless `ı` and dotted `İ` (which `lower`
    makes `i` and a combining dot), and `s` with the long `ſ`: those are folded too.
    Folding more than `re` equates only lets a line through to the search.
    """
    folded = line.lower()
    if "\u0131" in folded or "\u017f" in folded or "\u0307" in folded:
        folded = folded.replace("\u0131", "i").replace("\u017f", "s").replace("\u0307", "")
    return folded


@dataclass(frozen=True, slots=True)
class Rule:
    """One kind of boilerplate line.

    The rule's alternatives are split for speed: those that start with `^`
    (`anchored`) are only tried at the start of the line, the others
    (`floating`) everywhere. `search` on the whole alternation would try
    every alternative at every offset of every body paragraph. `needs` are
    words (lower case) one of which every floating match contains: a line
    holding none of them is not searched, which spares most body lines the search.
    """

    name: str
    max_len: int = 200
    anchored: re.Pattern[str] | None = None
    floating: re.Pattern[str] | None = None
    needs: tuple[str, ...] = ()

    def matches(self, line: str, folded: str | None = None) -> bool:
        """Whether the line is this rule's noise; `folded` is `fold_case(line)` if known."""
        if len(line) > self.max_len:
            return False
        if self.anchored is not None and self.anchored.match(line):
            return True
        if self.floating is None:
            return False
        if self.needs:
            folded = fold_case(line) if folded is None else folded
            if not any(word in folded for word in self.needs):
                return False
        return self.floating.search(line) is not None


def _rule(
    name: str,
    patterns: list[str],
    max_len: int = 200,
    flags: int = FLAGS,
    needs: tuple[str, ...] = (),
) -> Rule:
    def compiled(parts: list[str]) -> re.Pattern[str] | None:
        return re.compile("|".join(f"(?:{p})" for p in parts), flags) if parts else None

    anchored = [p for p in patterns if p.startswith("^")]
    floating = [p for p in patterns if not p.startswith("^")]
    if needs:
        # A word test is exact only for case-insensitive patterns, and only if every
        # floating pattern spells one of the words: a new pattern must add its own.
        if not flags & re.IGNORECASE or any(w != fold_case(w) for w in needs):
            raise ValueError(f"rule {name}: needs are lower-case words of a case-blind rule")
        for pattern in floating:
            if not any(word in fold_case(pattern.replace("\\", "")) for word in needs):
                raise ValueError(f"rule {name}: pattern {pattern!r} holds none of {needs}")
    return Rule(name, max_len, compiled(anchored), compiled(floating), needs)


def _only(words: list[str]) -> str:
    """A line made only of these words and punctuation (a bar of links or buttons)."""
    vocab = "|".join(sorted(words, key=len, reverse=True))
    return rf"^[\W_]*(?:{vocab})(?:[\W_]+(?:{vocab}))*[\W_]*$"


# fmt: off
SHARE_WORDS = [
    "partager", "partagez", "partage", "share", "shares", "tweet", "tweeter", "email", "e-mail",
    "mail", "courriel", "facebook", "twitter", "x", "linkedin", "whatsapp", "telegram", "reddit",
    "pinterest", r"google\+", "google", "messenger", "flipboard", "imprimer", "print",
    "copier le lien", "copy link", "copier", "copy", "lien", "link", "envoyer à un ami",
    "envoyer", "send", "sur", "on", "via", "par", "this", "cet", "article", "story", "page",
    r"(?:augmenter|réduire|diminuer) la taille du texte", "a+",
]
# fmt: on
SHARE_KEYS = r"partag|share|tweet|facebook|twitter|linkedin|whatsapp|imprimer|print|e-?mail"
# fmt: off
FOOTER_WORDS = [
    "mentions légales", "privacy policy", "privacy", "politique de confidentialité",
    "confidentialité", "terms of use", "terms of service", "terms", "conditions générales", "cgu",
    "cgv", "about us", "about", "à propos", "qui sommes-nous", "contact us", "contact",
    "contactez-nous", "nous contacter", "publicité", "advertise", "plan du site", "sitemap",
    "flux rss", "rss", "cookie notice", "cookies", "cookie policy", "careers", "recrutement",
    "faq", "aide", "help",
]
# fmt: on
READ_ALSO = (
    r"(?:à |a )?lire (?:aussi|également|egalement)|(?:à |a )?voir aussi|à découvrir(?: aussi)?"
    r"|sur le même (?:thème|sujet)|dans la même rubrique|articles? (?:similaires|liés|connexes)"
    r"|nos articles|les plus (?:lus|populaires|partagés)|derniers articles|dernières actualités"
    r"|vous aimerez (?:peut-être )?aussi|vous pourriez (?:aussi )?aimer|en relation"
    r"|(?:ces articles|ceci) (?:peuvent|pourrait) vous intéresser|plus d'articles"
    r"|read (?:more|also)|also read|see also|related(?: (?:articles?|stories|posts?|content|news))?"
    r"|more (?:from|in|on) [^:|.]{1,30}|more (?:stories|news)|you (?:may|might) also like"
    r"|recommended(?: for you)?|most (?:read|popular)|trending(?: now)?|further reading"
    r"|top stories|latest news"
)
READ_ALSO_LINE = re.compile(rf"^[\W_]*(?:{READ_ALSO})\s*(?:[:|»>–—-]\s*(?P<rest>.*))?$", FLAGS)
COMMENTS_HEADING = re.compile(
    r"^(?:\d+\s+)?(?:commentaires?|comments?|réactions?)(?:\s*\(\d+\))?\s*:?$"
    r"|^(?:réagissez|réagir)(?: à cet article)?\s*!?$"
    r"|^(?:laisser|laissez|ajouter|écrire|poster|publier) un commentaire"
    r"|^(?:leave|post|add|write) a (?:comment|reply)"
    r"|^(?:join|show) the (?:conversation|discussion)",
    FLAGS,
)
UPDATED = re.compile(
    r"(?:^|[|·•—–-]\s*)(?:mis à jour|mise à jour|actualisé|modifié|updated|last updated"
    r"|dernière mise à jour)\b",
    FLAGS,
)

# Order matters only for the name a line is counted under.
RULES: tuple[Rule, ...] = (
    _rule(
        "javascript-notice",
        [
            r"javascript.{0,40}\b(?:requi|enable|activ|disabled|désactiv|nécessi|must|needs?)",
            r"\b(?:requires?|enable|activer|activez|nécessite)\b.{0,30}javascript",
            r"(?:disable|désactive[rz]).{0,30}(?:ad ?block|bloqueur)",
        ],
        needs=("javascript", "block", "bloqueur"),
    ),
    _rule(
        "social-embed",
        [
            r"^view this (?:post|photo|video|reel|profile) on \w+",
            r"^voir cette publication sur \w+",
            r"^a (?:post|photo|video|reel) shared by\b",
            r"^une (?:publication|photo|vidéo) partagée par\b",
            r"pic\.twitter\.com/\S+",
            r"(?:twitter|x)\.com/\w+/status|instagram\.com/(?:p|reel)/|\bt\.co/\w+",
            r"^[—–-]\s*.{1,100}\(@\w{1,30}\)",
            r"^@[\w.]{2,30}$",
            r"^(?:watch|regarder|voir) (?:on|sur) (?:youtube|instagram|tiktok|x|facebook)$",
        ],
        max_len=400,
        needs=(".com/", "t.co/"),
    ),
    _rule(
        "share-buttons",
        [
            rf"{LINE_START}(?=.*(?:{SHARE_KEYS})){_only(SHARE_WORDS)}",
            r"^(?:cliquez|click) (?:pour|to) (?:partager|share|imprimer|print|envoyer|email)",
            r"\bpartagez[- ]l[ea]\b|\bshare (?:this|the) (?:article|story|post|page)\b",
            r"^partager (?:cet|l')\s?article|^(?:partager|share)\s*:",
        ],
        max_len=160,
        needs=tuple(SHARE_KEYS.replace("e-?mail", "mail").split("|")),
    ),
    _rule(
        "newsletter",
        [
            r"^(?:la |our |the |notre |votre )?newsletters?\b.{0,40}$",
            r"\b(?:notre|our|nos|votre|your|free|gratuite?) (?:\w+ ){0,2}newsletters?\b",
            r"(?:inscri|abonn|subscribe|sign up).{0,60}newsletter",
            r"^(?:inscrivez-vous|abonnez-vous|je m'abonne|je m'inscris|subscribe|sign up|join)\b",
            r"(?:je m'inscris|je m'abonne|s'abonner|sign me up)\s*[.!]?$",
            r"^(?:recevez|receive|get|retrouvez)\b.{0,100}\b(?:chaque (?:matin|jour|soir|semaine)"
            r"|every (?:morning|day|week)|in your inbox|dans votre bo[iî]te)",
            r"^(?:suivez[- ]nous|follow us|retrouvez[- ]nous)\b",
            r"(?:abonnez-vous|subscribe|join).{0,40}"
            r"(?:chaîne|channel|whatsapp|telegram|google news)",
            r"^(?:suivez|follow)\b.{0,60}\b(?:sur|on) (?:notre|nos|our) "
            r"(?:chaîne|channel|compte|account|page)",
        ],
        max_len=160,
        needs=(
            "newsletter",
            "m'inscris",
            "m'abonne",
            "s'abonner",
            "sign me up",
            "abonnez-vous",
            "subscribe",
            "join",
        ),
    ),
    _rule(
        "comment-form",
        [
            r"votre adresse (?:e-?mail|de messagerie|courriel) ne sera pas publiée",
            r"your email address will not be published",
            r"champs obligatoires sont (?:indiqués|marqués)|required fields are marked",
            r"^(?:nom|name|e-?mail|site web|website|commentaire|comment)\s*\*?\s*:?$",
            r"^(?:j'|j’)aime(?: ça)?\s*:?$|^like this:?$",
            r"^(?:j'|j’)aime\s+chargement|^(?:chargement|loading)\s*(?:…|\.\.\.)?$",
            r"(?:enregistrer mon nom|save my name)",
        ],
        needs=(
            "votre adresse",
            "your email address",
            "champs obligatoires",
            "required fields",
            "enregistrer mon nom",
            "save my name",
        ),
    ),
    _rule(
        "cookie-banner",
        [
            LINE_START
            + r"(?=.*\bcookies?\b).*(?:utilis|accept|consent|dépôt|dépose|paramétr|préférence"
            r"|preference|\buse|\bstore|\bsite|partenaires|partners|polic|notice|settings)",
            r"^(?:tout accepter|accepter(?: et fermer)?|accept(?: all)?(?: cookies)?"
            r"|refuser(?: tout)?|reject all|continuer sans accepter|got it|i accept|i agree"
            r"|j'accepte|ok, tout accepter"
            r"|manage (?:preferences|options|cookies)|more options|personnaliser|paramétrer)$",
            r"^(?:your privacy|vos choix|gestion des cookies|privacy settings|we value your privacy"
            r"|paramètres (?:de confidentialité|des cookies)|nous respectons votre vie privée)$",
            r"^(?:we and our partners|nous et nos partenaires)\b",
        ],
        max_len=500,
        needs=("cookie",),
    ),
    _rule(
        "breadcrumb",
        [
            r"^(?:accueil|home|homepage)\s*[>›»/|]",
            r"^[^>›».!?]{1,40}(?:\s[>›»]\s[^>›».!?]{1,40}){2,}$",
            # a menu: three or more short items split by bars ("Rubriques : Auto | Énergie | …")
            r"^(?:[^|:.!?]{1,30}:\s*)?[^|:.!?\d]{1,30}(?:\s\|\s[^|:.!?\d]{1,30}){2,}$",
        ],
        max_len=150,
    ),
    _rule(
        "tags",
        [
            r"^(?:tags?|mots[- ]clés?|keywords?|thèmes?|topics?|sujets?|étiquettes?)\s*:",
            r"^#[\w-]+(?:\s+#[\w-]+)*$",
        ],
        max_len=300,
    ),
    _rule(
        "copyright",
        [
            r"^(?:©|\(c\)|copyright\b)",
            r"©\s*\d{4}|\b(?:tous droits réservés|all rights reserved|reproduction interdite"
            r"|reproduction (?:totale ou partielle )?interdite|propulsé par|powered by)\b",
        ],
        max_len=300,
        needs=("©", "tous droits", "all rights", "reproduction", "propulsé par", "powered by"),
    ),
    _rule(
        "contact",
        [
            LINE_START + r"(?=.*(?:\+\d{1,3}[\s.]?)?\(?\d{1,4}\)?(?:[\s.-]?\d{2,4}){3,})"
            r"(?=.*\b(?:contact|tél|tel|téléphone|phone|call|appel|fax|rédaction|standard"
            r"|service client|newsroom)\b)",
            r"\b(?:contact|contactez|write to|écrivez)\b.*\S+@\S+\.\w+",
            r"^(?:contact|contactez-nous|contact us|nous contacter)$",
        ],
        needs=(
            "@",
            "contact",
            "tél",
            "tel",
            "phone",
            "call",
            "appel",
            "fax",
            "rédaction",
            "standard",
            "service client",
            "newsroom",
        ),
    ),
    _rule("footer-links", [_only(FOOTER_WORDS)], max_len=200),
    _rule(
        "navigation",
        [
            r"^(?:skip to (?:main )?content|aller au contenu(?: principal)?|menu|rechercher|search"
            r"|fermer|close|se connecter|connexion|log ?in|sign in|s'abonner|mon compte"
            r"|my account|retour(?: en haut)?|back to top|haut de page|page suivante|next page)$",
        ],
    ),
    _rule(
        "byline",
        [
            r"^(?i:par|by|written by|écrit par|texte de|propos recueillis par)\s+[A-ZÀ-Ý][\w'’.-]*"
            r"(?:\s+(?:[A-ZÀ-Ý][\w'’.-]*|de|du|des|el|al|ben|bin|van|von|der|le|la|et|and))*\.?$",
            r"(?i:^(?:(?:la )?rédaction|staff(?: reporter)?|(?:avec )?(?:afp|reuters|map|ap)"
            r"|agences?|newsroom)\s*$)",
            r"(?i:^\((?:reporting|writing|editing|additional reporting|compiled|edited) by .*\)$)",
            r"(?i:^(?:photo|crédits? photos?|image|photo credit)\s*[:©])",
        ],
        max_len=100,
        flags=re.UNICODE,
    ),
    _rule(
        "reading-time",
        [
            r"^(?:lecture|temps de lecture|reading time)\s*:?\s*\d+\s*min",
            r"^\d+ min(?:ute)?s? read$",
        ],
    ),
    _rule(
        "ads",
        [
            r"^(?:advertisement|publicité|pub|sponsored|sponsorisé|contenu sponsorisé|annonce|ad"
            r"|advertising|paid content|partner content|contenu partenaire)$",
        ],
    ),
    _rule("counters", [r"^\d[\d\s.,k]*\s*(?:vues|views|partages|shares|likes|j'aime|réactions)$"]),
    _rule("section-label", [r"^(?=.*[A-ZÀ-Ý]{2})[^a-zà-ÿ]{2,40}$"], max_len=40, flags=re.UNICODE),
)


_LONGEST = max(rule.max_len for rule in RULES)


def match_rule(line: str) -> str | None:
    """The name of the first rule a (stripped) line matches, or None."""
    length = len(line)
    if length > _LONGEST:
        return None  # most body paragraphs: longer than any rule reads
    folded = fold_case(line)
    for rule in RULES:
        if length <= rule.max_len and rule.matches(line, folded):
            return rule.name
    return None


def read_also(line: str) -> str | None:
    """`heading` for a "read also" heading line, `inline` for a one-line teaser, else None."""
    if len(line) > 250:
        return None
    found = READ_ALSO_LINE.match(line)
    if not found:
        return None
    return "inline" if (found.group("rest") or "").strip() else "heading"


def comments_heading(line: str) -> bool:
    """A heading that opens a page's comment thread."""
    return len(line) <= 80 and COMMENTS_HEADING.search(line) is not None


def updated_marker(line: str) -> re.Match[str] | None:
    """Where an `Updated` / `Mis à jour` date begins in a line, if any."""
    return UPDATED.search(line) if len(line) <= 150 else None
