"""Long work in small steps, with progress a person can watch."""
