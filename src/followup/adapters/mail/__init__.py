"""Mail adapters: building messages, sending over SMTP, passwords, reading over IMAP."""
