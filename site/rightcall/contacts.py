"""How a service's contacts (phone, text, TTY, web) become links a resident can tap.

Plain Python with no Flask or database import: the site's directory and the assistant's
action server (another virtualenv) both build contacts with it, so a number is linked the
same way everywhere.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote


@dataclass(frozen=True)
class Contact:
    kind: str          # phone | sms | tty | web
    label: str         # main | toll-free | outside-toronto | tty | text | online | chat
    display: str       # what the resident reads
    href: str          # tel:, sms: or https: link
    status: str        # found | to-verify


def dial_digits(number: str) -> str:
    """The digits to dial: '416-808-2222' → '+14168082222', '911' → '911'."""
    digits = re.sub(r"\D", "", number)
    if len(digits) == 10:
        return "+1" + digits
    if len(digits) == 11 and digits.startswith("1"):
        return "+" + digits
    return digits


def contact_view(raw: dict, service_status: str) -> Contact:
    """One contact as written in the directory → a :class:`Contact` with its link."""
    kind = raw.get("kind", "phone")
    status = raw.get("status", service_status)
    if kind == "web":
        url = raw.get("url") or ""
        return Contact(kind, raw.get("label", "online"), raw.get("display") or url, url, status)
    number = str(raw.get("number", ""))
    display = raw.get("display") or number
    if kind == "sms":
        href = "sms:" + dial_digits(number)
        if raw.get("body"):
            href += "?body=" + quote(str(raw["body"]))
    else:
        href = "tel:" + dial_digits(number)
    return Contact(kind, raw.get("label", "main"), display, href, status)


def resolve_contacts(raw_contacts, service_status: str, main_contacts: dict) -> tuple[Contact, ...]:
    """A service's contacts; ``same_as: ID`` borrows service ID's main number (written once).

    ``main_contacts`` maps each service id to its first raw contact.
    """
    contacts = []
    for raw in raw_contacts or ():
        if "same_as" in raw:
            if raw["same_as"] in main_contacts:
                contacts.append(contact_view(main_contacts[raw["same_as"]], "found"))
        else:
            contacts.append(contact_view(raw, service_status))
    return tuple(contacts)
