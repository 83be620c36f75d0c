from flask_wtf import FlaskForm


class OpenForm(FlaskForm):
    """Only the CSRF token: opening or clearing a notification changes the inbox."""
