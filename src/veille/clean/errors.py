"""The cleaning stage's one error."""


class CleanError(ValueError):
    """A document with no main text left after cleaning; the message says why."""
