"""Entry point of the PDF child process: bytes on stdin, JSON on stdout (see pdf_reader)."""

from theodoi.extraction.readers.pdf_reader import worker_main

if __name__ == "__main__":
    worker_main()
