"""What kind of source a URL is: built-in knowledge, imported lists, lookalikes."""
