import os

import leadsieve
from conftest import SRC, cli

README = ["VP, Sales & Marketing", "Sr. Director, Product Marketing", "Head of IT", "CMO",
          "Geschäftsführer", "Διευθυντής Marketing"]


def test_readme_examples():
    assert [leadsieve.normalize(t) for t in README] == [
        "vp sales marketing", "senior director product marketing",
        "head information technology", "chief marketing officer", "geschaftsfuhrer",
        "dieuthuntes marketing"]


def test_same_as_the_cli_on_every_benchmark_title():
    with open(os.path.join(SRC, "bench", "titles.tsv"), encoding="utf-8") as f:
        titles = [line.split("\t")[0] for line in f.read().splitlines()[1:]]
    assert len(titles) == 9150
    want = cli("normalize", input="".join(t + "\n" for t in titles).encode()).stdout
    got = "".join(leadsieve.normalize(t) + "\n" for t in titles)
    assert got.encode() == want


def test_bytes_and_invalid_utf8():
    assert leadsieve.normalize(b"Sales \xff Director") == "sales director"
    assert leadsieve.normalize("Sales \udcff Director") == "sales director"
    assert leadsieve.normalize("") == ""


def test_levels():
    assert leadsieve.level_of_title("Founder & CEO") == "Owner / Partner"
    assert leadsieve.level_of_title("VP Sales") == "Vice President"
    assert leadsieve.level_of_title("Software Engineer") == "Entry Level"
    assert leadsieve.levels()[0] == "In Training" and len(leadsieve.levels()) == 10


def test_a_normalizer_per_thread():
    import concurrent.futures
    with concurrent.futures.ThreadPoolExecutor(4) as ex:
        got = list(ex.map(leadsieve.normalize, README * 200))
    assert got[:6] == [leadsieve.normalize(t) for t in README]
    assert got == [leadsieve.normalize(t) for t in README * 200]
