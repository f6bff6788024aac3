"""grondvorm: recognise, and agree on, the basic form of a collaboration.

The four basic forms (grondvormen) of inter-organisational collaboration come from
Edwin Kaats & Wilfrid Opheij (Common Eye), *Leren samenwerken tussen organisaties*.
The public API is re-exported here; the domain packages (``forms``, ``scan``,
``recognition``, ``alignment``) import nothing from the web, the database or the CLI.
"""

from grondvorm.forms import (
    AXIS_IDS,
    FORM_IDS,
    Axis,
    AxisId,
    Form,
    FormId,
    FormsCatalogue,
    UnknownFormError,
    load_catalogue,
    parse_form_id,
)
from grondvorm.language import DEFAULT_LANGUAGE, LANGUAGES, Language, resolve_language

__version__ = "0.1.0"

__all__ = [
    "AXIS_IDS",
    "DEFAULT_LANGUAGE",
    "FORM_IDS",
    "LANGUAGES",
    "Axis",
    "AxisId",
    "Form",
    "FormId",
    "FormsCatalogue",
    "Language",
    "UnknownFormError",
    "__version__",
    "load_catalogue",
    "parse_form_id",
    "resolve_language",
]
