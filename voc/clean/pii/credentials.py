"""Credentials recognised by their shape: API keys, access tokens, JWTs and webhook URLs.

Providers give their keys fixed prefixes so that scanners can find them (GitHub's ``ghp_``,
Stripe's ``sk_live_``, AWS's ``AKIA``, Slack's ``xoxb-``); a webhook URL is itself the secret
after its fixed path. Each is replaced by [SECRET]; a webhook keeps its host and path.
"""

from __future__ import annotations

import re

from voc.clean.pii.base import SECRET_TOKEN
from voc.clean.strings import contains_any

# Whole tokens only: a key may not touch a word character or "-" on either side, so "[SECRET]"
# never becomes part of a longer key and masking twice changes nothing.
API_KEY_RE = re.compile(
    r"(?<![\w-])(?:"
    r"sk-(?:proj-|ant-|live-|svcacct-)?[A-Za-z0-9_-]{20,}"  # OpenAI, Anthropic
    r"|(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{10,}"  # Stripe
    r"|(?:AKIA|ASIA)[0-9A-Z]{16}"  # AWS access key ids
    r"|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}"  # GitHub
    r"|xox[abprse]-[A-Za-z0-9-]{10,}"  # Slack
    r"|glpat-[A-Za-z0-9_-]{20,}"  # GitLab
    r"|AIza[0-9A-Za-z_-]{35}"  # Google API keys
    r"|eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*"  # JWTs: header.payload.sig
    r")(?![\w-])"
)
# What every key above starts with, grouped by the "_" or "-" in it: a few substring searches
# (memchr-fast) rule out most tickets, where one regex with these alternatives is tried at every
# position of the text.
_STARTS_WITH_UNDERSCORE = (
    "sk_",
    "rk_",
    "pk_",
    "ghp_",
    "gho_",
    "ghu_",
    "ghs_",
    "ghr_",
    "github_pat_",
)
_STARTS_WITH_DASH = ("sk-", "xox", "glpat-")
_OTHER_STARTS = ("AKIA", "ASIA", "AIza", "eyJ")
WEBHOOK_RE = re.compile(
    r"(?P<head>(?:hooks\.slack\.com/(?:services|workflows|triggers)/"
    r"|discord(?:app)?\.com/api/webhooks/"
    r"|\.webhook\.office\.com/webhookb2/|outlook\.office\.com/webhook/))"
    r"(?P<value>[^\s\"'<>\[\]]+)",
    re.IGNORECASE,
)
_TRAILING_PUNCT = ".,;:!?)"
# RE2 (see voc.clean.batch): on ASCII text :func:`mask_credentials` changes nothing unless this
# matches.
CREDENTIALS_MAY_CHANGE = (
    r"sk[-_]|[rp]k_|AKIA|ASIA|gh[pousr]_|github_pat_|xox[abprse]-|glpat-|AIza|eyJ"
    r"|(?i:hooks\.slack\.com/|discord(?:app)?\.com/api/webhooks/|office\.com/webhook)"
)


def mask_credentials(text: str, lowered: str) -> str:
    """Mask API keys, tokens and JWTs by their shape, and the secret part of webhook URLs.

    ``lowered`` is ``text.lower()``, computed once by the caller for its cheap checks.

    Example:
        >>> text = "key AKIAIOSFODNN7EXAMPLE, hook https://hooks.slack.com/services/T0/B0/x1."
        >>> mask_credentials(text, text.lower())
        'key [SECRET], hook https://hooks.slack.com/services/[SECRET].'
    """
    if _may_hold_key(text):
        text = API_KEY_RE.sub(SECRET_TOKEN, text)
    if "hook" in lowered:
        text = WEBHOOK_RE.sub(_mask_webhook, text)
    return text


def _may_hold_key(text: str) -> bool:
    """True when one of the keys' starts is in ``text``."""
    if "_" in text and contains_any(text, _STARTS_WITH_UNDERSCORE):
        return True
    if "-" in text and contains_any(text, _STARTS_WITH_DASH):
        return True
    return contains_any(text, _OTHER_STARTS)


def _mask_webhook(match: re.Match[str]) -> str:
    """Mask the path after a webhook's fixed prefix, keeping the punctuation that ends it."""
    value = match.group("value")
    kept = value.rstrip(_TRAILING_PUNCT)
    if not kept:
        return match.group()
    return match.group("head") + SECRET_TOKEN + value[len(kept) :]
