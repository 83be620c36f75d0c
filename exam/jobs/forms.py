from flask_wtf import FlaskForm


class StepForm(FlaskForm):
    """Only the CSRF token: starting a job or running its next step changes data."""
