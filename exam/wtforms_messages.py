"""WTForms' own messages, listed so that they reach our catalog (WTForms ships no Vietnamese).

Never imported for its values: `make translations` extracts the strings, and
`exam.i18n.CatalogTranslations` looks WTForms' messages up in our catalog at run time.
"""



def _l(message: str) -> str:
    return message


def ngettext(singular: str, plural: str, _n: int) -> tuple[str, str]:
    return singular, plural


MESSAGES = (
    _l("This field is required."),
    _l("Invalid input."),
    _l("Invalid email address."),
    _l("Not a valid choice."),
    _l("Invalid Choice: could not coerce."),
    _l("Not a valid integer value."),
    _l("Not a valid decimal value."),
    _l("Not a valid float value."),
    _l("Not a valid date value."),
    _l("Not a valid datetime value."),
    _l("Not a valid time value."),
    _l("Number must be at least %(min)s."),
    _l("Number must be at most %(max)s."),
    _l("Number must be between %(min)s and %(max)s."),
    _l("Date must be at least %(min)s."),
    _l("Date must be at most %(max)s."),
    _l("Date must be between %(min)s and %(max)s."),
    _l("Field must be equal to %(other_name)s."),
    _l("Field must be between %(min)d and %(max)d characters long."),
    _l("Invalid URL."),
    ngettext("Field must be at least %(min)d character long.",
              "Field must be at least %(min)d characters long.", 1),
    ngettext("Field cannot be longer than %(max)d character.",
              "Field cannot be longer than %(max)d characters.", 1),
    ngettext("Field must be exactly %(max)d character long.",
              "Field must be exactly %(max)d characters long.", 1),
)
