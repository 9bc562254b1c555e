"""Thank-you notes and other messages: what a note is about, drafts, and checker findings."""
