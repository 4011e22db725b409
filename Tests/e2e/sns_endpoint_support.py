"""Test peers of SNS's HTTP(S) and email delivery: an HTTP endpoint that records what it is posted (and can be told
to fail), and an SMTP sink that records the mail handed to it. Both listen on free loopback ports in threads."""
import email
import email.policy
import http.server
import socketserver
import threading
import time


def _wait_for(lock, collect, count, timeout):
    """`collect()` (called under `lock`) once it holds at least `count` items, or when `timeout` seconds passed."""
    deadline = time.monotonic() + timeout
    while True:
        with lock:
            got = collect()
        if len(got) >= count or time.monotonic() > deadline:
            return got
        time.sleep(0.05)


class RecordingEndpoint:
    """An HTTP server on 127.0.0.1 recording every POST as (path, headers, body); the first `failures` POSTs of a
    path are answered 500."""

    def __init__(self):
        self.requests = []
        self.failures = {}
        self.lock = threading.Lock()
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode()
                with owner.lock:
                    owner.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}, body))
                    failing = owner.failures.get(self.path, 0)
                    if failing:
                        owner.failures[self.path] = failing - 1
                self.send_response(500 if failing else 200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait_for(self, count, path=None, timeout=15.0):
        """The requests (to `path`, if given) once there are at least `count` of them (or what came by `timeout`)."""
        return _wait_for(self.lock, lambda: [r for r in self.requests if path is None or r[0] == path], count, timeout)

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class SMTPSink:
    """A minimal SMTP server (RFC 5321 commands EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) on 127.0.0.1 that
    keeps each message as (envelope sender, recipients, parsed email.message.EmailMessage)."""

    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()
        owner = self

        class Handler(socketserver.StreamRequestHandler):
            def reply(self, text):
                self.wfile.write((text + "\r\n").encode())

            def handle(self):
                self.reply("220 stratus-test-sink ESMTP")
                sender, recipients = None, []
                while True:
                    line = self.rfile.readline().decode()
                    if not line:
                        return
                    command = line.strip().upper()
                    if command.startswith(("EHLO", "HELO")):
                        self.reply("250-stratus-test-sink")
                        self.reply("250 8BITMIME")
                    elif command.startswith("MAIL FROM:"):
                        sender = line.strip()[10:].strip("<>")
                        self.reply("250 OK")
                    elif command.startswith("RCPT TO:"):
                        recipients.append(line.strip()[8:].strip("<>"))
                        self.reply("250 OK")
                    elif command == "DATA":
                        self.reply("354 End data with <CR><LF>.<CR><LF>")
                        lines = []
                        while True:
                            data = self.rfile.readline().decode()
                            if data in ("", ".\r\n"):
                                break
                            # Undo the dot-stuffing and the wire's CRLF line endings.
                            data = data[1:] if data.startswith("..") else data
                            lines.append(data[:-2] + "\n" if data.endswith("\r\n") else data)
                        parsed = email.message_from_string("".join(lines), policy=email.policy.default)
                        with owner.lock:
                            owner.messages.append((sender, recipients, parsed))
                        sender, recipients = None, []
                        self.reply("250 OK queued")
                    elif command in ("RSET", "NOOP"):
                        self.reply("250 OK")
                    elif command == "QUIT":
                        self.reply("221 Bye")
                        return
                    else:
                        self.reply("502 Command not implemented")

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.address = f"127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait_for(self, count, timeout=15.0):
        """The messages once there are at least `count` of them (or what came by `timeout`)."""
        return _wait_for(self.lock, lambda: list(self.messages), count, timeout)

    def close(self):
        self.server.shutdown()
        self.server.server_close()
