#!/usr/bin/env python3
"""Train the whole-post reading (data/models/verdict.tsv; src/lib/verdict_model.c).

    python3 tools/train-verdict.py [--build build] [--cv] [--out data/models/verdict.tsv]
    python3 tools/train-verdict.py --check [--build build]

Reads ONLY the team's own scenario suites in eval/team/ (written by the
team's writers for this purpose; same licence as the repository): the
readable posts, that is the odd halves of scenarios-team.jsonl ..
scenarios-team9.jsonl and every practice suite not held unread
(HELD_FILES in eval/10-scenarios.py). Never the dev suite (../shared), never
a blind half (the even halves, scenarios-team10.jsonl), never a held suite.

Features come from the library itself: build/tact-verdict-features prints,
for each post, the rules' verdict and the features of verdict_model.c
(the rules' verdict and reason, the findings' types and rules and which drove
the verdict, the author's own details, length, a relative of the author's,
a question mark, and the post's words and pairs of neighbouring words), so
trainer and scorer cannot drift.

Model: a softmax over ok, review and block, L2-regularised (1e-3), trained by
AdaGrad (rate 0.2, 15 passes, seeded order). Words count only when at least
MIN_DF (30) training posts have them; other features when at least 2 do.

Thresholds: the model settles a review, to ok when it gives ok at least
"review-ok", to block when it gives block at least "review-block"; and it
softens a block to review when it gives ok at least "block-review", unless a
hard identifier (HARD: a date of birth, NHS/NI/case number, coordinates, a
vehicle, an address or postcode, a person on the register) or abusive,
discriminatory or derogatory words drove the block.
It never turns a block into an ok. --cv trains once per suite with that
suite left out and prints, for a grid of thresholds, the agreement, block
recall, unsafe passes (block posts judged ok) and false alarms (ok posts
judged block) of the left-out posts. The review pair is chosen first (the
most agreement, with each unsafe pass added costing ten agreements); then
the block-review threshold, by the false alarms it removes less twice the
blocks it loses (softening changes no agreement on an ok post, so agreement
alone would never choose it), the higher threshold on a tie. All are written
with the figures into the model's header.

--check rescores sample posts in Python from the features and compares with
the library's own probabilities (tact-verdict-features --probs): the scorer
must agree with this trainer to 1e-4.
"""
import argparse, json, math, os, random, re, subprocess, sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TEAM = os.path.join(ROOT, 'eval', 'team')
V = ['ok', 'review', 'block']
MIN_DF = 30
MIN_DF_OTHER = 2
L2, RATE, PASSES, SEED = 1e-3, 0.2, 15, 1
UNSAFE_COST = 10
GRID_OK = [0.8, 0.85, 0.9, 0.95, 2.0]
GRID_BLOCK = [0.5, 0.6, 0.7, 0.8, 2.0]
GRID_SOFTEN = [0.7, 0.8, 0.85, 0.9, 0.95, 2.0]
LOST_BLOCK_COST = 2
# findings that, driving a block, keep it a block (verdict_model.c hard_drives)
HARD = {'DT:' + t for t in ('date_of_birth', 'nhs_number', 'ni_number', 'case_reference',
                            'geo_coordinates', 'vehicle_registration', 'address', 'postcode',
                            'protected_person', 'abuse', 'discrimination', 'derogatory')}
# the readable halves of the team suites (as eval/analysis/dump.py reads them)
TEAM_ODD = ['scenarios-team', 'scenarios-team2', 'scenarios-team3', 'scenarios-team4',
            'scenarios-team5', 'scenarios-team6', 'scenarios-team7', 'scenarios-team8',
            'scenarios-team9']


def held_files():
    src = open(os.path.join(ROOT, 'eval', '10-scenarios.py')).read()
    m = re.search(r'HELD_FILES\s*=\s*\{([^}]*)\}', src)
    return set(re.findall(r'"([^"]+)"', m.group(1))) if m else set()


def load_posts():
    held = held_files()
    posts = []
    for name in TEAM_ODD:
        for line in open(os.path.join(TEAM, name + '.jsonl')):
            d = json.loads(line)
            if int(''.join(c for c in d['id'] if c.isdigit())) % 2 == 1:
                posts.append((name, d['text'], d['verdict']))
    for f in sorted(os.listdir(TEAM)):
        if f.startswith('practice-') and f.endswith('.jsonl') and f not in held:
            for line in open(os.path.join(TEAM, f)):
                d = json.loads(line)
                posts.append((f[:-6], d['text'], d['verdict']))
    return posts


def escape(t):
    return t.replace('\\', '\\\\').replace('\n', '\\n').replace('\r', '\\r').replace('\t', '\\t')


def features(build, texts):
    data = ''.join(escape(t) + '\n' for t in texts).encode()
    out = subprocess.run([os.path.join(build, 'tact-verdict-features')], input=data,
                         capture_output=True, check=True).stdout.decode()
    rows = []
    for line in out.splitlines():
        parts = line.split('\t')
        f = {}
        for p in parts[1:]:
            name, v = p.rsplit(' ', 1)
            f[name] = float(v)
        rows.append((parts[0], f))
    if len(rows) != len(texts):
        sys.exit('train-verdict: the feature tool gave %d lines for %d posts' % (len(rows), len(texts)))
    return rows


def keep_features(X):
    df = Counter(a for x in X for a in x)
    return {a for a, c in df.items() if c >= (MIN_DF if a.startswith('W:') else MIN_DF_OTHER)}


def train(X, Y, keep):
    W = defaultdict(lambda: [0.0, 0.0, 0.0])
    G = defaultdict(lambda: [0.0, 0.0, 0.0])
    rows = [({a: v for a, v in x.items() if a in keep}, y) for x, y in zip(X, Y)]
    rnd = random.Random(SEED)
    idx = list(range(len(rows)))
    for _ in range(PASSES):
        rnd.shuffle(idx)
        for i in idx:
            x, y = rows[i]
            p = probs(W, x)
            for k in range(3):
                g = p[k] - (1.0 if k == y else 0.0)
                for a, v in x.items():
                    w, gg = W[a], G[a]
                    gr = g * v + L2 * w[k]
                    gg[k] += gr * gr
                    w[k] -= RATE * gr / math.sqrt(gg[k] + 1e-8)
    return dict(W)


def probs(W, x):
    s = [0.0, 0.0, 0.0]
    for a, v in x.items():
        w = W.get(a)
        if w:
            for k in range(3):
                s[k] += w[k] * v
    m = max(s)
    e = [math.exp(a - m) for a in s]
    z = sum(e)
    return [a / z for a in e]


def handle_reply(x):
    """verdict_model.c's handle_reply: a handle drove the review and the
    conduct model's case probability is under 0.2."""
    return 'DT:handle' in x and not any('CP:%d' % d in x for d in range(2, 10))


def decide(p, base, t_ok, t_block, x, t_soften=2.0):
    if 'CP:out' in x:
        return base
    if base == 'block':
        if p[0] >= t_soften and p[0] > p[2] and not HARD.intersection(x):
            return 'review'
        return base
    if base != 'review':
        return base
    if p[0] >= t_ok and p[0] > p[1] and p[0] > p[2]:
        return 'ok'
    if p[2] >= t_block and p[2] > p[1] and p[2] > p[0] and not handle_reply(x):
        return 'block'
    return base


def tally(gold, pred):
    agree = sum(g == p for g, p in zip(gold, pred))
    rec = sum(g == 'block' and p == 'block' for g, p in zip(gold, pred))
    unsafe = sum(g == 'block' and p == 'ok' for g, p in zip(gold, pred))
    return agree, rec, unsafe


def false_alarms(gold, pred):
    return sum(g == 'ok' and p == 'block' for g, p in zip(gold, pred))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--build', default=os.path.join(ROOT, 'build'))
    ap.add_argument('--out', default=os.path.join(ROOT, 'data', 'models', 'verdict.tsv'))
    ap.add_argument('--cv', action='store_true', help='choose the thresholds by leave-one-suite-out')
    ap.add_argument('--review-ok', type=float, default=0.9)
    ap.add_argument('--review-block', type=float, default=0.6)
    ap.add_argument('--block-review', type=float, default=0.9)
    ap.add_argument('--check', action='store_true')
    a = ap.parse_args()

    posts = load_posts()
    if a.check:
        sys.exit(check(a.build, a.out, [t for s, t, g in posts][::10]))
    suites = [s for s, t, g in posts]
    gold = [g for s, t, g in posts]
    feats = features(a.build, [t for s, t, g in posts])
    base = [b for b, x in feats]
    X = [x for b, x in feats]
    Y = [V.index(g) for g in gold]
    ba, br, bu = tally(gold, base)
    nblock = gold.count('block')
    print('%d readable posts from %d suites; the rules alone: agreement %d, block recall %d/%d, '
          'unsafe passes %d' % (len(posts), len(set(suites)), ba, br, nblock, bu))

    t_ok, t_block, t_soften = a.review_ok, a.review_block, a.block_review
    cvlines = []
    if a.cv:
        P = [None] * len(posts)
        for s in sorted(set(suites)):
            tr = [i for i, x in enumerate(suites) if x != s]
            keep = keep_features([X[i] for i in tr])
            W = train([X[i] for i in tr], [Y[i] for i in tr], keep)
            for i, x in enumerate(suites):
                if x == s:
                    P[i] = probs(W, X[i])
            print('  fold %s done' % s, file=sys.stderr, flush=True)
        best = None
        for to in GRID_OK:
            for tb in GRID_BLOCK:
                pred = [decide(P[i], base[i], to, tb, X[i]) for i in range(len(posts))]
                ag, rc, un = tally(gold, pred)
                score = ag - UNSAFE_COST * max(0, un - bu)
                line = ('review-ok %.2f review-block %.2f: agreement %d (%+d), block recall %d/%d, '
                        'unsafe passes %d' % (to, tb, ag, ag - ba, rc, nblock, un))
                cvlines.append(line)
                print(line)
                if best is None or score > best[0]:
                    best = (score, to, tb)
        t_ok, t_block = best[1], best[2]
        pred0 = [decide(P[i], base[i], t_ok, t_block, X[i]) for i in range(len(posts))]
        fa0, rc0 = false_alarms(gold, pred0), tally(gold, pred0)[1]
        best = None
        for ts in GRID_SOFTEN:
            pred = [decide(P[i], base[i], t_ok, t_block, X[i], ts) for i in range(len(posts))]
            ag, rc, un = tally(gold, pred)
            fa = false_alarms(gold, pred)
            score = (fa0 - fa) - LOST_BLOCK_COST * (rc0 - rc)
            line = ('block-review %.2f: agreement %d, block recall %d/%d, unsafe passes %d, '
                    'false alarms %d (%+d)' % (ts, ag, rc, nblock, un, fa, fa - fa0))
            cvlines.append(line)
            print(line)
            if best is None or score >= best[0]:
                best = (score, ts)
        t_soften = best[1]
        chosen = 'chosen: review-ok %.2f review-block %.2f block-review %.2f' % (t_ok, t_block,
                                                                                t_soften)
        print(chosen)
        cvlines = ['the rules alone: agreement %d, block recall %d/%d, unsafe passes %d, '
                   'false alarms %d' % (ba, br, nblock, bu, false_alarms(gold, base))] + \
            cvlines + [chosen]
    keep = keep_features(X)
    W = train(X, Y, keep)
    write(a.out, W, keep, t_ok, t_block, t_soften, cvlines, len(posts))
    pred = [decide(probs(W, X[i]), base[i], t_ok, t_block, X[i], t_soften)
            for i in range(len(posts))]
    ag, rc, un = tally(gold, pred)
    print('trained on all %d: agreement %d, block recall %d/%d, unsafe passes %d (not a test: '
          'these posts were trained on)' % (len(posts), ag, rc, nblock, un))
    print('wrote', a.out)


def write(path, W, keep, t_ok, t_block, t_soften, cvlines, n):
    names = sorted(a for a in W if a in keep and max(abs(w) for w in W[a]) >= 1e-4)
    with open(path, 'w') as f:
        f.write('# The whole-post reading of tact (src/lib/verdict_model.c), written by\n')
        f.write('# tools/train-verdict.py from the readable posts of the team\'s own scenario\n')
        f.write('# suites (eval/team: %d posts; never the dev suite, a blind half or a held\n' % n)
        f.write('# suite). Licence: as the repository. Provenance and figures:\n')
        f.write('# data/models/verdict.md. Leave-one-suite-out figures, when --cv ran:\n')
        for line in cvlines:
            f.write('#   %s\n' % line)
        f.write('tact-verdict-model 1\n')
        f.write('threshold review-ok %.4g\n' % t_ok)
        f.write('threshold review-block %.4g\n' % t_block)
        f.write('threshold block-review %.4g\n' % t_soften)
        for a in names:
            f.write('%s\t%.6g\t%.6g\t%.6g\n' % ((a,) + tuple(W[a])))


def check(build, model, texts):
    """Score texts in Python from the library's features with the weights of
    `model` (the file the library has built in) and compare with the
    library's own probabilities (tact-verdict-features --probs)."""
    Wf, thr = {}, {}
    for line in open(model):
        if line.startswith('#') or line.startswith('tact-verdict-model'):
            continue
        if line.startswith('threshold '):
            k, v = line.split()[1:]
            thr[k] = float(v)
            continue
        p = line.rstrip('\n').split('\t')
        Wf[p[0]] = [float(x) for x in p[1:]]
    data = ''.join(escape(t) + '\n' for t in texts).encode()
    out = subprocess.run([os.path.join(build, 'tact-verdict-features'), '--probs'], input=data,
                         capture_output=True, check=True).stdout.decode().splitlines()
    worst, wrong = 0.0, 0
    for (b, x), line in zip(features(build, texts), out):
        parts = line.split()
        lib = [float(v) for v in parts[1:4]]
        mine = probs(Wf, x)
        worst = max(worst, max(abs(u - v) for u, v in zip(mine, lib)))
        ts = thr.get('block-review', 2.0)
        wrong += decide(mine, b, thr['review-ok'], thr['review-block'], x, ts) != parts[4] and \
            min(abs(mine[0] - thr['review-ok']), abs(mine[2] - thr['review-block']),
                abs(mine[0] - ts)) > 1e-3
    print('%d posts: largest difference from the library\'s probabilities %.2g; verdicts that '
          'differ %d' % (len(texts), worst, wrong))
    return 0 if worst < 1e-4 and not wrong and len(out) == len(texts) else 1


if __name__ == '__main__':
    main()
