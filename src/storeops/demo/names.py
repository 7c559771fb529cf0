"""Word lists for the demo store: an independent outdoor and home goods shop.

Everything a person reads in the demo (product titles, customer names, ticket subjects,
review texts, vendors) comes from here, so the generator modules hold only logic. Emails use
the reserved example.* domains and phone numbers the 555 exchange: the demo must never
reach a real person.
"""

from __future__ import annotations

# (noun, SKU code, product type, option set, price low, price high, weight g, family)
PRODUCT_TYPES: tuple[tuple[str, str, str, str, int, int, int, str], ...] = (
    ("Tent", "TNT", "Tents", "people", 149, 429, 2600, "outdoor"),
    ("Sleeping Bag", "SLB", "Sleep", "length", 89, 259, 1300, "outdoor"),
    ("Sleeping Pad", "SLP", "Sleep", "pad", 49, 159, 700, "outdoor"),
    ("Backpack", "BPK", "Packs", "pack", 79, 229, 1500, "outdoor"),
    ("Daypack", "DPK", "Packs", "colour", 39, 99, 600, "outdoor"),
    ("Camp Chair", "CCH", "Camp Furniture", "colour", 39, 129, 1800, "outdoor"),
    ("Camp Table", "CTB", "Camp Furniture", "single", 59, 149, 2900, "outdoor"),
    ("Lantern", "LNT", "Lighting", "single", 24, 69, 400, "outdoor"),
    ("Headlamp", "HLP", "Lighting", "colour", 19, 59, 120, "outdoor"),
    ("Water Bottle", "WBT", "Hydration", "bottle", 19, 44, 350, "outdoor"),
    ("Insulated Mug", "IMG", "Hydration", "mug", 18, 34, 300, "outdoor"),
    ("Camp Stove", "CST", "Camp Kitchen", "single", 49, 149, 900, "outdoor"),
    ("Cookset", "CKS", "Camp Kitchen", "single", 39, 99, 800, "outdoor"),
    ("Hammock", "HMK", "Camp Furniture", "colour", 39, 99, 700, "outdoor"),
    ("Trekking Poles", "TRP", "Hiking", "single", 49, 139, 500, "outdoor"),
    ("Rain Jacket", "RJK", "Apparel", "apparel", 89, 249, 450, "outdoor"),
    ("Fleece Pullover", "FLC", "Apparel", "apparel", 49, 119, 420, "outdoor"),
    ("Base Layer", "BSL", "Apparel", "apparel", 39, 99, 220, "outdoor"),
    ("Hiking Socks", "SCK", "Apparel", "socks", 14, 26, 90, "outdoor"),
    ("Beanie", "BNE", "Accessories", "colour", 19, 39, 110, "outdoor"),
    ("Sun Hat", "SHT", "Accessories", "hat", 24, 49, 130, "outdoor"),
    ("Cooler", "COL", "Camp Kitchen", "cooler", 89, 299, 4200, "outdoor"),
    ("Dry Bag", "DRB", "Packs", "drybag", 19, 39, 180, "outdoor"),
    ("Picnic Blanket", "PCB", "Camp Furniture", "colour", 39, 89, 900, "outdoor"),
    ("Throw Blanket", "THR", "Bedding", "colour", 59, 149, 1100, "home"),
    ("Pillow Cover", "PLC", "Decor", "colour", 24, 49, 200, "home"),
    ("Duvet Cover", "DVC", "Bedding", "bed", 119, 259, 1400, "home"),
    ("Sheet Set", "SHS", "Bedding", "bed", 99, 229, 1600, "home"),
    ("Candle", "CND", "Decor", "scent", 22, 42, 450, "home"),
    ("Planter", "PLN", "Garden", "sml", 24, 79, 1400, "home"),
    ("Cutting Board", "CTG", "Kitchen", "board", 34, 89, 1200, "home"),
    ("Skillet", "SKL", "Kitchen", "skillet", 39, 99, 2600, "home"),
    ("Stoneware Mug", "SMG", "Kitchen", "colour", 18, 32, 380, "home"),
    ("Doormat", "DRM", "Decor", "single", 29, 69, 1500, "home"),
    ("Bath Towel", "BTW", "Bath", "colour", 24, 54, 600, "home"),
    ("Storage Basket", "SBK", "Storage", "sml", 29, 79, 700, "home"),
    ("Bird Feeder", "BFD", "Garden", "single", 29, 69, 800, "home"),
    ("Firewood Rack", "FWR", "Outdoor Living", "single", 79, 199, 6500, "home"),
    ("Garden Gloves", "GGV", "Garden", "sml", 14, 29, 150, "home"),
    ("Watering Can", "WCN", "Garden", "single", 29, 59, 900, "home"),
)

# option set -> (value, SKU code, price adjustment in percent)
OPTION_SETS: dict[str, tuple[tuple[str, str, int], ...]] = {
    "people": (("2-Person", "2P", 0), ("3-Person", "3P", 18), ("4-Person", "4P", 35)),
    "length": (("Regular", "REG", 0), ("Long", "LNG", 8)),
    "pad": (("Regular", "REG", 0), ("Long", "LNG", 10), ("Wide", "WD", 15)),
    "pack": (("28 L", "28", 0), ("38 L", "38", 12), ("48 L", "48", 22)),
    "bottle": (("500 ml", "05", 0), ("750 ml", "07", 10), ("1 L", "10", 20)),
    "mug": (("12 oz", "12", 0), ("16 oz", "16", 12)),
    "apparel": (("S", "S", 0), ("M", "M", 0), ("L", "L", 0), ("XL", "XL", 0), ("XXL", "2X", 5)),
    "socks": (("S", "S", 0), ("M", "M", 0), ("L", "L", 0)),
    "hat": (("S/M", "SM", 0), ("L/XL", "LX", 0)),
    "cooler": (("24 qt", "24", 0), ("45 qt", "45", 30)),
    "drybag": (("10 L", "10", 0), ("20 L", "20", 15)),
    "bed": (("Twin", "TW", 0), ("Queen", "QN", 15), ("King", "KG", 25)),
    "scent": (("Cedar & Sage", "CDR", 0), ("Campfire", "CMP", 0), ("Sea Salt", "SEA", 0)),
    "sml": (("Small", "S", 0), ("Medium", "M", 20), ("Large", "L", 40)),
    "board": (("Small", "S", 0), ("Large", "L", 30)),
    "skillet": (('8"', "08", 0), ('10"', "10", 20), ('12"', "12", 40)),
    "single": (("Default", "STD", 0),),
}

COLOURS: tuple[tuple[str, str], ...] = (
    ("Forest", "FOR"),
    ("Slate", "SLA"),
    ("Sand", "SND"),
    ("Rust", "RST"),
    ("Navy", "NVY"),
    ("Charcoal", "CHR"),
    ("Oat", "OAT"),
    ("Moss", "MOS"),
    ("Clay", "CLY"),
    ("Sky", "SKY"),
    ("Ember", "EMB"),
    ("Fog", "FOG"),
)

PREFIXES: tuple[str, ...] = (
    "Alpine", "Aspen", "Basecamp", "Birch", "Canyon", "Cascade", "Cedar", "Coastal", "Copper",
    "Driftwood", "Dune", "Ember", "Evergreen", "Fern", "Fjord", "Glacier", "Granite", "Harbor",
    "Hearth", "Heron", "Highland", "Ironwood", "Juniper", "Kestrel", "Lakeside", "Larch",
    "Lichen", "Meadow", "Moss", "Nomad", "Oakmont", "Osprey", "Pebble", "Pinecrest", "Prairie",
    "Quarry", "Redwood", "Ridgeline", "Rowan", "Sage", "Saltmarsh", "Sequoia", "Sierra",
    "Spruce", "Summit", "Thistle", "Timber", "Trailhead", "Tundra", "Upland", "Valley",
    "Wildflower", "Willow", "Woodland", "Wren", "Yarrow", "Zephyr", "Bluff", "Cairn", "Delta",
)  # fmt: skip

DESCRIPTORS: dict[str, tuple[str, ...]] = {
    "outdoor": ("Ultralight", "Packable", "Insulated", "Recycled", "Waterproof", "Trail"),
    "home": ("Handwoven", "Organic Cotton", "Linen", "Stoneware", "Reclaimed", "Hand-poured"),
}

SERIES: tuple[str, ...] = ("Classic", "Pro", "Lite", "Plus", "Heritage", "Explorer", "Studio")

SUPPLIER_KINDS: tuple[str, ...] = (
    "Outfitters", "Textiles", "Goods Co.", "Supply", "Mills", "Trading", "Ceramics",
    "Woodworks", "Manufacturing", "Gear Works", "Home Co.", "Imports",
)  # fmt: skip

FIRST_NAMES: tuple[str, ...] = (
    "Ava", "Liam", "Olivia", "Noah", "Emma", "Elijah", "Sophia", "James", "Amelia", "Lucas",
    "Mia", "Mateo", "Harper", "Ethan", "Evelyn", "Levi", "Abigail", "Mason", "Ella", "Logan",
    "Grace", "Jack", "Chloe", "Owen", "Nora", "Wyatt", "Lily", "Henry", "Zoe", "Caleb",
    "Hannah", "Isaac", "Aria", "Julian", "Layla", "Ezra", "Riley", "Miles", "Stella", "Adrian",
    "Maya", "Eli", "Naomi", "Theo", "Ruby", "Rowan", "Iris", "Silas", "Hazel", "Jonah",
    "Priya", "Arjun", "Mei", "Kenji", "Sofia", "Diego", "Fatima", "Omar", "Leila", "Yusuf",
    "Ingrid", "Lars", "Aisha", "Kwame", "Chen", "Hana", "Carmen", "Luis", "Nadia", "Ivan",
    "Beatriz", "Tomas", "Freya", "Felix", "Clara", "Hugo", "Alma", "Oscar", "June", "Arthur",
    "Margaret", "Robert", "Linda", "David", "Susan", "Michael", "Karen", "Daniel", "Nancy",
    "Paul", "Ruth", "Peter", "Diane", "George", "Joan", "Frank", "Sandra", "Steven", "Gloria",
)  # fmt: skip

LAST_NAMES: tuple[str, ...] = (
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
    "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor",
    "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez",
    "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright",
    "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall",
    "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Patel", "Kim", "Chen", "Singh",
    "Okafor", "Larsen", "Novak", "Rossi", "Müller", "Dubois", "Silva", "Tanaka", "Yamamoto",
    "Kowalski", "Ivanova", "O'Brien", "Murphy", "Kelly", "Sullivan", "Byrne", "Fischer",
    "Weber", "Schmidt", "Costa", "Haddad", "Mensah", "Abara", "Lindqvist", "Berg", "Holm",
    "Park", "Choi", "Nakamura", "Shah", "Gupta", "Reyes", "Cruz", "Morales", "Ortiz", "Vargas",
)  # fmt: skip

EMAIL_DOMAINS: tuple[str, ...] = ("example.com", "example.net", "example.org")

# (city, state, ZIP prefix, sales tax in basis points, telephone area code)
CITIES: tuple[tuple[str, str, str, int, str], ...] = (
    ("Portland", "OR", "972", 0, "503"),
    ("Seattle", "WA", "981", 1025, "206"),
    ("Boise", "ID", "837", 600, "208"),
    ("Denver", "CO", "802", 881, "303"),
    ("Boulder", "CO", "803", 881, "720"),
    ("Salt Lake City", "UT", "841", 775, "801"),
    ("Bend", "OR", "977", 0, "541"),
    ("Spokane", "WA", "992", 900, "509"),
    ("Missoula", "MT", "598", 0, "406"),
    ("Flagstaff", "AZ", "860", 901, "928"),
    ("Albuquerque", "NM", "871", 788, "505"),
    ("Austin", "TX", "787", 825, "512"),
    ("Minneapolis", "MN", "554", 903, "612"),
    ("Madison", "WI", "537", 550, "608"),
    ("Chicago", "IL", "606", 1025, "312"),
    ("Ann Arbor", "MI", "481", 600, "734"),
    ("Asheville", "NC", "288", 700, "828"),
    ("Burlington", "VT", "054", 700, "802"),
    ("Portland", "ME", "041", 550, "207"),
    ("Boston", "MA", "021", 625, "617"),
    ("Brooklyn", "NY", "112", 888, "718"),
    ("Philadelphia", "PA", "191", 800, "215"),
    ("Pittsburgh", "PA", "152", 700, "412"),
    ("Richmond", "VA", "232", 600, "804"),
    ("Atlanta", "GA", "303", 890, "404"),
    ("Nashville", "TN", "372", 925, "615"),
    ("Chattanooga", "TN", "374", 925, "423"),
    ("San Diego", "CA", "921", 775, "619"),
    ("Oakland", "CA", "946", 1025, "510"),
    ("Sacramento", "CA", "958", 875, "916"),
    ("Reno", "NV", "895", 827, "775"),
    ("Anchorage", "AK", "995", 0, "907"),
    ("Honolulu", "HI", "968", 450, "808"),
    ("Tucson", "AZ", "857", 870, "520"),
    ("Kansas City", "MO", "641", 885, "816"),
    ("Omaha", "NE", "681", 700, "402"),
    ("Columbus", "OH", "432", 750, "614"),
    ("Raleigh", "NC", "276", 725, "919"),
    ("Charleston", "SC", "294", 900, "843"),
    ("Savannah", "GA", "314", 700, "912"),
)

STREETS: tuple[str, ...] = (
    "Oak", "Maple", "Pine", "Cedar", "Elm", "Willow", "Lake", "Hill", "River", "Forest",
    "Meadow", "Park", "Sunset", "Highland", "Spring", "Valley", "Ridge", "Birch", "Aspen", "Mill",
)  # fmt: skip
STREET_KINDS: tuple[str, ...] = ("St", "Ave", "Rd", "Ln", "Dr", "Way", "Ct", "Pl")

AGENTS: tuple[str, ...] = ("Maya", "Jordan", "Sam", "Priya", "Alex")

TICKET_SUBJECTS: dict[str, tuple[str, ...]] = {
    "question": (
        "Which size should I order?",
        "Is the tent footprint included?",
        "Do you ship to Canada?",
        "Can I change my delivery address?",
        "Is this machine washable?",
    ),
    "shipping": (
        "Where is my order?",
        "Tracking has not updated",
        "Package marked delivered but not here",
        "When will my order ship?",
    ),
    "product": (
        "Zipper stuck on first use",
        "Colour looks different from the photos",
        "Missing part in the box",
        "How do I reproof the jacket?",
    ),
    "refund_request": (
        "Refund for returned item",
        "I want my money back",
        "Return received, still no refund",
    ),
    "complaint": (
        "Very disappointed with the quality",
        "Order arrived damaged",
        "Rude delivery driver and late order",
        "Charged twice for one order",
    ),
    "other": ("Wholesale enquiry", "Collaboration request", "Gift card balance"),
}

RESOLUTIONS: tuple[str, ...] = (
    "Answered",
    "Replacement sent",
    "Refund issued",
    "Tracking shared",
    "Exchange arranged",
    "Store credit issued",
)

REVIEW_TEXTS: dict[int, tuple[tuple[str, str], ...]] = {
    5: (
        ("Love it", "Exactly as described and arrived fast."),
        ("Worth every penny", "Took it on a week-long trip, held up perfectly."),
        ("Beautiful quality", "Even nicer in person."),
    ),
    4: (
        ("Very good", "Great product, runs slightly small."),
        ("Happy with it", "Solid build, shipping took a few days."),
    ),
    3: (("It's fine", "Does the job, nothing special."), ("Okay", "Decent but pricey.")),
    2: (
        ("Disappointed", "Stitching came loose after two uses."),
        ("Not as pictured", "Colour is much duller than the photos."),
    ),
    1: (
        ("Broke immediately", "Fell apart on the first trip. Want a refund."),
        ("Poor quality", "Cheap material, would not buy again."),
    ),
}

CARRIER_SERVICES: dict[str, tuple[str, str]] = {
    # carrier -> (ground service, express service)
    "usps": ("Ground Advantage", "Priority Mail Express"),
    "ups": ("UPS Ground", "UPS 2nd Day Air"),
    "fedex": ("FedEx Ground", "FedEx Express Saver"),
    "dhl": ("DHL Express Worldwide", "DHL Express Worldwide"),
}

SHIPMENT_EXCEPTIONS: tuple[str, ...] = (
    "Address not found: customer contacted",
    "Damaged in transit: carrier investigating",
)
