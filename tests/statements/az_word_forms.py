"""Azerbaijani word forms from the demo content, for the search stemmer.

Each group lists forms of one word that appear in demo/demo.json (or that a
reader types for them) and must be found by one another; each pair in
``DIFFERENT`` are different words that must stay apart. The Azerbaijani
stemmer (statements/public/search/az_stemmer.py) was written against this table, and the
existing stemmers that were tried are measured on it (docs/search.md).
"""

SAME = [
    ["Bakı", "Bakıda", "Bakıya", "Bakının"],
    ["qurbanlar", "qurbanların", "qurbanlarının"],
    ["faciə", "faciəsi", "faciədə", "faciənin", "faciəsinin", "faciəyə"],
    ["bəyanat", "bəyanatlar", "bəyanatda"],
    ["şəhid", "şəhidlərinin", "sehid"],
    ["Xocalı", "Xocalıda", "XOCALI", "xocali"],
    ["Şəki", "Şəkidə", "seki"],
    ["hüquq", "hüquqlar", "hüquqlara", "hüquqları", "hüquqların", "hüquqlarına"],
    ["hüquqlarını", "hüququ", "hüququn", "huquqlari"],
    ["insan", "İnsan", "insana", "insanlar", "insanların", "insanın"],
    ["uşaq", "uşaqlar", "uşaqları", "uşağın", "usaqlarin"],
    ["ombudsman", "ombudsmana", "ombudsmanın", "Ombudsmanın"],
    ["müvəkkil", "müvəkkilin", "müvəkkilə"],
    ["ailə", "ailələr", "ailələrin", "ailələrinin", "ailələrinə"],
    ["təcridxana", "təcridxanalarından", "təcridxanasına", "təcridxanasında"],
    ["zorakılıq", "zorakılığın", "zorakılığından", "zorakılığının"],
    ["qanun", "qanunun"],
    ["ildönümü", "ildönümündə", "ildönümünü"],
    ["yanvar", "yanvarı", "yanvarın", "Yanvar"],
    ["məktəb", "məktəbində", "məktəbinə", "məktəblərdə", "məktəblərinin"],
    ["qanunvericilik", "qanunvericiliyə"],
    ["Səbinə", "Səbinənin"],
    ["Əliyeva", "Əliyevanın", "eliyeva"],
    ["soyqırımı", "soyqırımının"],
    ["bölgə", "bölgədə", "bölgələrdən", "bölgələrində", "bölgələrindəki"],
]

DIFFERENT = [
    ("Şəki", "şəkil"),
    ("qanun", "qan"),
    ("hüquq", "hüquqi"),
    ("insan", "ins"),
    ("uşaq", "uşaqlıq"),
    ("qanun", "qanunsuz"),
]
