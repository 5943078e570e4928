"""A small glossary written for the engine tests (independent of the bundled data)."""

from __future__ import annotations

from translitnorm.model import Entry, Glossary, Variant


def V(text: str, **kw: object) -> Variant:
    return Variant(text, **kw)  # type: ignore[arg-type]


ENGINE_GLOSSARY = Glossary(
    entries=(
        Entry(id="ahrar-al-sham", canonical="Ahrar al-Sham", type="organization",
              variants=(V("Harakat Ahrar al-Sham al-Islamiyya"), V("أحرار الشام", lang="ar"),
                        V("Ахрар аш-Шам", lang="ru"))),
        Entry(id="ansar-al-sham", canonical="Ansar al-Sham", type="organization"),
        Entry(id="islamic-state", canonical="Islamic State", type="organization",
              variants=(V("IS", case_sensitive=True), V("ISIS"), V("ISIL"), V("Daesh"),
                        V("داعش", lang="ar"), V("Islamischer Staat", lang="de"),
                        V("Исламское государство", lang="ru"),
                        V("Islamic State of Iraq and the Levant"))),
        Entry(id="umar-shishani", canonical="Abu Omar al-Shishani", type="person",
              variants=(V("Umar Shishani"), V("Tarkhan Batirashvili"),
                        V("al-Shishani", ambiguous=True))),
        Entry(id="muslim-al-shishani", canonical="Muslim al-Shishani", type="person",
              variants=(V("Murad Margoshvili"), V("al-Shishani", ambiguous=True))),
        Entry(id="abu-bakr-al-baghdadi", canonical="Abu Bakr al-Baghdadi", type="person"),
        Entry(id="abu-omar-al-baghdadi", canonical="Abu Omar al-Baghdadi", type="person"),
        Entry(id="raqqa", canonical="Raqqa", type="place",
              variants=(V("الرقة", lang="ar"), V("Ракка", lang="ru"))),
        Entry(id="deir-ez-zor", canonical="Deir ez-Zor", type="place",
              variants=(V("Deir al-Zour"),)),
        Entry(id="emir", canonical="emir", type="term", variants=(V("amir"),)),
        Entry(id="taghut", canonical="taghut", type="term", variants=(V("taghout"),)),
        Entry(id="free-syrian-army", canonical="Free Syrian Army", type="organization",
              variants=(V("FSA", case_sensitive=True),)),
        Entry(id="zawahiri", canonical="Ayman al-Zawahiri", type="person",
              variants=(V("Aiman Muhammad Rabi al-Zawahiri"),)),
        Entry(id="jabhat-al-nusra", canonical="Jabhat al-Nusra", type="organization",
              variants=(V("Nusra Front"), V("Front al-Nosra", lang="fr"),
                        V("Джебхат ан-Нусра", lang="ru"))),
        Entry(id="muhammad", canonical="Muhammad Shaker", type="person"),
        Entry(id="mahmud", canonical="Mahmud Shaker", type="person"),
    )
)
