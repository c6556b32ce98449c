"""Entry point of the OCR child process: PDF bytes on stdin, page number in argv, JSON out."""

from theodoi.extraction.readers.ocr import worker_main

if __name__ == "__main__":
    worker_main()
