"""In-app notifications and email for the steps a candidate must not miss."""
