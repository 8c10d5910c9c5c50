#!/usr/bin/env python3
"""Verifies a Troupe turn-history export (JSON Lines), independently of Troupe.

Usage: verify.py EXPORT.jsonl   (or - for standard input)

Implements the checks of docs/history.md, "Export", with the standard library only. Prints
"ok: ..." and exits 0 if the chain is intact; prints "bad: line L (seq S): ..." for the first bad
line and exits 1; exits 2 if the file is not an export.
"""
import decimal
import hashlib
import json
import sys

ESCAPES = {'"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t'}


def jcs_string(text):
    """A JSON string as RFC 8785 (ECMAScript's JSON.stringify) writes it."""
    out = []
    for char in text:
        code = ord(char)
        if char in ESCAPES:
            out.append(ESCAPES[char])
        elif code < 0x20 or 0xD800 <= code <= 0xDFFF:
            out.append('\\u%04x' % code)
        else:
            out.append(char)
    return '"' + ''.join(out) + '"'


def jcs_number(value):
    """A number as ECMAScript's Number.prototype.toString writes the double."""
    number = float(value)
    if number == 0:
        return '0'
    sign = '-' if number < 0 else ''
    shortest = decimal.Decimal(repr(abs(number))).normalize().as_tuple()
    digits = ''.join(map(str, shortest.digits))
    k = len(digits)
    n = shortest.exponent + k
    if k <= n <= 21:
        return sign + digits + '0' * (n - k)
    if 0 < n <= 21:
        return sign + digits[:n] + '.' + digits[n:]
    if -6 < n <= 0:
        return sign + '0.' + '0' * -n + digits
    exponent = n - 1
    mantissa = digits[0] + ('.' + digits[1:] if k > 1 else '')
    return sign + mantissa + 'e' + ('+' if exponent >= 0 else '-') + str(abs(exponent))


def canonical(value):
    """RFC 8785 canonical JSON of a parsed value."""
    if value is None:
        return 'null'
    if value is True:
        return 'true'
    if value is False:
        return 'false'
    if isinstance(value, str):
        return jcs_string(value)
    if isinstance(value, (int, float)):
        return jcs_number(value)
    if isinstance(value, list):
        return '[' + ','.join(canonical(item) for item in value) + ']'
    members = sorted(value.items(), key=lambda member: member[0].encode('utf-16-be', 'surrogatepass'))
    return '{' + ','.join(jcs_string(name) + ':' + canonical(item) for name, item in members) + '}'


def sha256(text):
    return hashlib.sha256(text.encode('utf-8', 'replace')).hexdigest()


def entry_hash(actor_id, entry):
    prev = 'null' if entry['prevHash'] is None else jcs_string(entry['prevHash'])
    return sha256('{"actor":' + jcs_string(actor_id) + ',"at":' + str(entry['atMicros'])
                  + ',"caller":' + entry['caller'] + ',"effects":' + entry['effects']
                  + ',"message":' + entry['message'] + ',"outcome":' + entry['outcome']
                  + ',"prev":' + prev + ',"seq":' + str(entry['seq'])
                  + ',"state":' + jcs_string(entry['stateHash']) + ',"v":1}')


def problem(actor_id, entry, previous):
    """What is wrong with an entry given the previous one (None for the first), as (seq, why), or None."""
    seq = entry['seq']
    if previous is None:
        if entry['prevHash'] is None and seq != 1:
            return seq, 'no previous hash but not the first entry'
        if entry['prevHash'] is not None and 'checkpoint' not in entry:
            return seq, 'the oldest entry is not a checkpoint'
    else:
        expected = previous['seq'] + 1
        if seq > expected:
            return expected, 'entry %d is missing' % expected
        if seq < expected:
            return seq, 'out of order after entry %d' % previous['seq']
        if entry['prevHash'] != previous['hash']:
            return seq, 'does not link to entry %d' % previous['seq']
    if entry_hash(actor_id, entry) != entry['hash']:
        return seq, 'does not match its hash'
    checkpoint = entry.get('checkpoint')
    if checkpoint is not None and sha256(canonical(json.loads(checkpoint['state']))) != entry['stateHash']:
        return seq, 'the checkpoint does not match the state hash'
    return None


def verify(lines):
    """(exit code, message) for the lines of an export."""
    try:
        header = json.loads(lines[0])
        if header.get('format') != 'troupe-history' or header.get('v') != 1:
            return 2, 'not a troupe-history v1 export'
        previous = None
        for number, line in enumerate(lines[1:], start=2):
            entry = json.loads(line)
            found = problem(header['actorId'], entry, previous)
            if found is not None:
                return 1, 'bad: line %d (seq %d): %s' % (number, found[0], found[1])
            previous = entry
    except (IndexError, KeyError, TypeError, ValueError) as error:
        return 2, 'not a troupe-history export: %r' % (error,)
    if previous is None:
        return 0, 'ok: no entries'
    return 0, 'ok: %d entries, seq %d to %d, head %s' % (len(lines) - 1, json.loads(lines[1])['seq'],
                                                         previous['seq'], previous['hash'])


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    source = sys.stdin if argv[1] == '-' else open(argv[1], encoding='utf-8')
    with source:
        lines = [line for line in source.read().split('\n') if line]
    code, message = verify(lines)
    print(message)
    return code


if __name__ == '__main__':
    sys.exit(main(sys.argv))
