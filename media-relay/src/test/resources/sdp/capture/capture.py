#!/usr/bin/env python3
"""Captures real browser SDP for the media relay's SDP tests and checks the relay's answers in the browser.

Run from the repository root after `./mvnw -q -pl media-relay test-compile`:

    python3 media-relay/src/test/resources/sdp/capture/capture.py [chromium|firefox ...]

For each browser it serves page.html on 127.0.0.1, starts the browser headless with fake media, and stores in
media-relay/src/test/resources/sdp/ every SDP the browser produced, byte for byte (`<browser>-<version>-<case>.sdp`),
every description the relay code made for it (`...-relay-answer.sdp`, `...-relay-offer.sdp`) and what the browser
said when given them (`<browser>-<version>-acceptance.json`). The relay side is the test class SdpCaptureTool.
"""
import http.server, json, os, shutil, subprocess, sys, tempfile, threading, time, urllib.parse

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..', '..', '..', '..'))
MODULE = os.path.join(ROOT, 'media-relay')
OUT = os.path.join(MODULE, 'src', 'test', 'resources', 'sdp')
HERE = os.path.dirname(os.path.abspath(__file__))
CLASSPATH = os.path.join(MODULE, 'target', 'classes') + os.pathsep + os.path.join(MODULE, 'target', 'test-classes')
DEADLINE_SECONDS = 120


def relay_tool(*args):
    r = subprocess.run(['java', '-cp', CLASSPATH, 'org.bangban.relay.sdp.SdpCaptureTool', *args],
                       capture_output=True)
    if r.returncode != 0:
        raise RuntimeError('SdpCaptureTool %s failed: %s' % (args, r.stderr.decode('utf-8', 'replace').strip()))
    return r.stdout.decode('utf-8')  # bytes as written: keep the CRLF line ends


class Capture:
    def __init__(self, label):
        self.label = label
        self.results = {}
        self.done = threading.Event()

    def path(self, name):
        return os.path.join(OUT, '%s-%s.sdp' % (self.label, name))

    def save(self, name, text):
        with open(self.path(name), 'w', encoding='utf-8', newline='') as f:
            f.write(text)


def handler(cap):
    class H(http.server.BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def reply(self, body, status=200, ctype='text/plain; charset=utf-8'):
            data = body.encode('utf-8')
            self.send_response(status)
            self.send_header('Content-Type', ctype)
            self.send_header('Content-Length', str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            u = urllib.parse.urlparse(self.path)
            q = dict(urllib.parse.parse_qsl(u.query))
            name = u.path.rsplit('/', 1)[-1]
            try:
                if u.path == '/page.html':
                    with open(os.path.join(HERE, 'page.html'), encoding='utf-8') as f:
                        return self.reply(f.read(), ctype='text/html; charset=utf-8')
                if u.path.startswith('/relay-offer/'):
                    args = [q['cmd']] + ([cap.path(q['from'] + '-relay-offer')] if 'from' in q else [])
                    offer = relay_tool(*args)
                    cap.save(name + '-relay-offer', offer)
                    return self.reply(offer)
                if u.path.startswith('/reneg/'):
                    offer = relay_tool('reneg', cap.path(q['from'] + '-relay-answer'))
                    cap.save(name + '-relay-offer', offer)
                    return self.reply(offer)
            except Exception as e:  # reported to the page as a broken description
                cap.results['server-error-' + name] = str(e)
                return self.reply('server error: %s' % e, status=500)
            self.reply('not found', status=404)

        def do_POST(self):
            u = urllib.parse.urlparse(self.path)
            q = dict(urllib.parse.parse_qsl(u.query))
            body = self.rfile.read(int(self.headers.get('Content-Length', 0))).decode('utf-8')
            name = u.path.rsplit('/', 1)[-1]
            try:
                if u.path.startswith('/offer/'):
                    cap.save(name, body)
                    answer = relay_tool(q['mode'], cap.path(name))
                    cap.save(name.replace('-offer', '') + '-relay-answer', answer)
                    return self.reply(answer)
                if u.path.startswith('/answer/'):
                    cap.save(name + '-answer', body)
                    return self.reply('ok')
                if u.path.startswith('/result/'):
                    cap.results[name] = json.loads(body)
                    return self.reply('ok')
                if u.path == '/done':
                    cap.done.set()
                    return self.reply('ok')
            except Exception as e:
                cap.results['server-error-' + name] = str(e)
                return self.reply('server error: %s' % e, status=500)
            self.reply('not found', status=404)
    return H


def browser_command(browser, url, tmp):
    if browser == 'chromium':
        return ['chromium', '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
                '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
                '--disable-features=WebRtcHideLocalIpsWithMdns', '--no-first-run',
                '--disable-background-networking', '--disable-component-update', '--disable-sync',
                '--auto-select-desktop-capture-source=Entire screen',
                '--user-data-dir=' + os.path.join(tmp, 'profile'), url]
    profile = os.path.join(tmp, 'profile')
    os.makedirs(profile)
    with open(os.path.join(profile, 'user.js'), 'w') as f:
        for k, v in [('media.navigator.streams.fake', 'true'), ('media.navigator.permission.disabled', 'true'),
                     ('media.peerconnection.ice.obfuscate_host_addresses', 'false'),
                     ('browser.shell.checkDefaultBrowser', 'false'), ('app.update.enabled', 'false'),
                     ('datareporting.policy.dataSubmissionEnabled', 'false'),
                     ('toolkit.telemetry.reportingpolicy.firstRun', 'false')]:
            f.write('user_pref("%s", %s);\n' % (k, v))
    return ['firefox-esr', '--headless', '--no-remote', '-profile', profile, url]


def version_label(browser):
    exe = 'chromium' if browser == 'chromium' else 'firefox-esr'
    out = subprocess.run([exe, '--version'], capture_output=True, text=True).stdout.strip()
    # "Chromium 156.0.8078.108 built on Debian ..." / "Mozilla Firefox 153.7.0esr"
    version = next(t for t in out.split() if t[:1].isdigit())
    major = version.split('.')[0]
    return '%s-%s%s' % (browser, major, 'esr' if version.endswith('esr') else ''), out


def run(browser):
    label, full_version = version_label(browser)
    cap = Capture(label)
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler(cap))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = 'http://127.0.0.1:%d/page.html?b=%s' % (server.server_address[1], browser)
    tmp = tempfile.mkdtemp(prefix='sdp-capture-')
    env = dict(os.environ, HOME=tmp, MOZ_HEADLESS='1')
    proc = subprocess.Popen(browser_command(browser, url, tmp), env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    finished = cap.done.wait(DEADLINE_SECONDS)
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
    server.shutdown()
    shutil.rmtree(tmp, ignore_errors=True)
    cap.results['_browser'] = full_version
    cap.results['_finished'] = finished
    with open(os.path.join(OUT, label + '-acceptance.json'), 'w') as f:
        json.dump(cap.results, f, indent=2, sort_keys=True)
        f.write('\n')
    print(label, 'finished' if finished else 'TIMED OUT', json.dumps(cap.results, indent=1))


if __name__ == '__main__':
    for b in (sys.argv[1:] or ['chromium', 'firefox']):
        run(b)
