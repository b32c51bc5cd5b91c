#!/usr/bin/env python3
"""Generate synthetic social-care style posts as JSON lines, for benchmarks.

usage: gen-posts.py N [SEED] [--gold FILE] > posts.jsonl

--gold FILE writes, for each post, the character spans of the people it
names ({"id":..,"persons":[[start,end],..]}: a first name, a first name and
surname, or the surname of "the X family"), so that the benchmark can count
the names each tool finds correctly, not only how many it reports. The posts
themselves stay the same with or without it.

Every name, street and place below was written by the team for this script
(common British first names and surnames, invented streets): nothing is read
from ../shared. The posts mix harmless professional chatter with the kinds of
detail tact looks for (names, ages, phone numbers, postcodes, addresses,
emails, dates, case numbers), so the benchmark exercises every detector.
"""
import json
import random
import string
import sys

FIRST = """Amelia Olivia Isla Ava Mia Ivy Lily Isabella Rosie Sophia Grace Freya Evie
Poppy Florence Willow Ella Daisy Sienna Harper Jack Oliver Noah George Leo Arthur
Oscar Harry Charlie Jacob Freddie Alfie Theo Thomas Archie Henry Joshua Tyler Kai
Reece Shannon Chelsea Jade Courtney Liam Connor Kyle Bradley Dylan Ryan Aaron""".split()
SURNAME = """Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright
Thompson Evans Walker White Roberts Green Hall Wood Jackson Clarke Patel Khan Lewis
James Phillips Mason Mitchell Rose Davis Rodriguez Cox Alexander Morgan Moore Hughes
Ali Begum Hussain Kaur Singh Murphy Kelly O'Brien McDonald Campbell""".split()
STREET = """Acorn Beech Birch Bramble Chapel Church Elm Fern Foxglove Hawthorn Heather
Holly Juniper Larch Linden Maple Meadow Mill Oak Orchard Poplar Rowan Station Willow""".split()
STREET_TYPE = "Road Street Avenue Close Lane Drive Way Crescent Gardens Grove".split()
TOWN = """Ashford Barnsley Bedford Bolton Bradford Crewe Derby Dudley Exeter Gloucester
Halifax Hull Ipswich Leeds Luton Norwich Oldham Preston Reading Salford Stockport
Swindon Walsall Wigan York""".split()
KIN = "mum dad nan grandad brother sister son daughter foster carer step-dad aunt".split()
ROLE = "social worker|team manager|support worker|key worker|IRO|family support worker|care coordinator".split("|")
FEEL = "exhausted|proud|gutted|frustrated|so tired|buzzing|heartbroken|knackered|grateful".split("|")
MONTH = "January February March April May June July August September October November December".split()
PLACE_KIND = "primary school|academy|children's centre|care home|GP surgery|foster placement|youth club".split("|")

TEMPLATES = [
    "Long day. Visited {first} ({age}) at {num} {street} {stype}, {town} {pc} - {kin} was not in again.",
    "Anyone know a good {place} near {town}? Asking for a family I'm working with #socialwork",
    "{first} {surname} finally moved into the flat on {street} {stype} today, {feel} for them",
    "Reminder to self: ring {first}'s {kin} back on {phone} before 5",
    "Proud of our team at {town} council this week. Great supervision session with my {role}.",
    "Case {caseref} going to court on {day} {month}, {feel}. Please let the judge see sense.",
    "If you need advice email {efirst}.{esurname}@{town_l}.gov.uk or message me here",
    "DOB {day}/{mnum}/{year}, {age} years old, NHS {nhs}. Why do people still post this stuff",
    "Training on the Mental Capacity Act today. Really useful for any {role} in {town}.",
    "{first} is {age} and has been in {num} placements since {year}. The system is broken.",
    "Off to a strategy meeting then a home visit in {town}. Coffee first. {feel}",
    "Met {first} {surname} and her {kin} at {place_name} {place}, lovely family honestly",
    "Thanks to everyone who came to the {town} practice forum - slides at https://example.org/forum/{num}",
    "@{handle} can you DM me? Need to talk about the {surname} family before Monday",
    "My {role} said I can't post about work but honestly {town} children's services is a joke",
    "Happy World Social Work Day to every {role} out there! #WSWD #socialcare",
    "Just finished a 12 hour shift. Nobody tells you how much paperwork there is. {feel}",
    "Little {first} ({age}) drew me a picture today. This job has its moments.",
    "{num} {street} {stype} again tonight, police called, {kin} kicked off. {feel}",
    "Looking for a {role} role in {town} from {month}, any leads appreciated",
]


def post(rng, k):
    first, surname = rng.choice(FIRST), rng.choice(SURNAME)
    town = rng.choice(TOWN)
    d = {
        "first": first if rng.random() > 0.1 else first.lower(),
        "surname": surname,
        "efirst": first.lower(),
        "esurname": surname.lower().replace("'", ""),
        "age": rng.randint(1, 17),
        "num": rng.randint(1, 240),
        "street": rng.choice(STREET),
        "stype": rng.choice(STREET_TYPE),
        "town": town,
        "town_l": town.lower(),
        "pc": "%s%d %d%s" % (rng.choice(["BS", "LS", "M", "B", "NE", "SW", "CF"]), rng.randint(1, 20),
                             rng.randint(0, 9), "".join(rng.choice("ABDEFGHJLNPQRSTUWXYZ") for _ in range(2))),
        "kin": rng.choice(KIN),
        "role": rng.choice(ROLE),
        "feel": rng.choice(FEEL),
        "place": rng.choice(PLACE_KIND),
        "place_name": rng.choice(STREET) + ("field" if rng.random() < 0.5 else " Park"),
        "phone": "07700 9%05d" % rng.randint(0, 99999),
        "caseref": "%s%02d/%05d" % (rng.choice(["BS", "LS", "MA", "ZW"]), rng.randint(10, 25), rng.randint(0, 99999)),
        "day": rng.randint(1, 28),
        "mnum": rng.randint(1, 12),
        "month": rng.choice(MONTH),
        "year": rng.randint(2006, 2024),
        "nhs": "%03d %03d %04d" % (rng.randint(400, 999), rng.randint(0, 999), rng.randint(0, 9999)),
        "handle": (first + "_" + surname).lower().replace("'", "") + str(rng.randint(1, 99)),
    }
    text, persons = fill(rng.choice(TEMPLATES), d)
    return {"id": "g%06d" % k, "text": text}, persons


def fill(template, d):
    """The template filled in, and the spans of the person names in it: a
    first name with the surname right after it is one span."""
    text, persons = "", []
    for lit, field, _, _ in string.Formatter().parse(template):
        text += lit
        if field is None:
            continue
        start = len(text)
        text += str(d[field])
        if field == "surname" and persons and persons[-1][1] == start - 1 and text[start - 1] == " ":
            persons[-1][1] = len(text)
        elif field in ("first", "surname"):
            persons.append([start, len(text)])
    return text, persons


def main():
    args = sys.argv[1:]
    gold = None
    if "--gold" in args:
        i = args.index("--gold")
        gold = open(args[i + 1], "w", encoding="utf-8")
        del args[i:i + 2]
    n = int(args[0]) if args else 100000
    rng = random.Random(int(args[1]) if len(args) > 1 else 1)
    out = sys.stdout
    for k in range(n):
        p, persons = post(rng, k)
        out.write(json.dumps(p, ensure_ascii=False) + "\n")
        if gold:
            gold.write(json.dumps({"id": p["id"], "persons": persons}) + "\n")
    if gold:
        gold.close()


if __name__ == "__main__":
    main()
