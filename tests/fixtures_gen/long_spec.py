"""Build the long, multi-page spec (``specs/2018_long_generaliste.json``) from real names.

Deterministic (a fixed ``random.Random`` seed over fixed lists): rerunning it rewrites the same
JSON. Run ``python -m tests.fixtures_gen.long_spec`` from the repository root.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from .spec import SPECS_DIR

NAME = "2018_long_generaliste"

REGION_LEADS: dict[str, list[str]] = {
    "Auvergne-Rhône-Alpes": [
        "Conseil départemental de l'Isère",
        "Ville de Chambéry",
        "Métropole de Lyon",
        "Conseil départemental de la Drôme",
    ],
    "Bourgogne-Franche-Comté": [
        "Ville de Besançon",
        "Conseil départemental du Doubs",
        "Ville de Dijon",
    ],
    "Bretagne": ["Conseil régional de Bretagne", "Ville de Rennes", "Brest Métropole"],
    "Centre-Val de Loire": ["Ville d'Orléans", "Conseil départemental d'Indre-et-Loire"],
    "Grand Est": [
        "Eurométropole de Strasbourg",
        "Conseil départemental du Haut-Rhin",
        "Ville de Nancy",
        "Ville de Reims",
    ],
    "Hauts-de-France": [
        "Ville de Lille",
        "Conseil départemental du Nord",
        "Communauté urbaine de Dunkerque",
    ],
    "Île-de-France": [
        "Ville de Paris",
        "Conseil départemental du Val-de-Marne",
        "Ville de Montreuil",
        "Conseil départemental de la Seine-Saint-Denis",
    ],
    "Normandie": ["Ville de Rouen", "Région Normandie", "Ville de Cherbourg-en-Cotentin"],
    "Nouvelle-Aquitaine": [
        "Bordeaux Métropole",
        "Conseil départemental de la Gironde",
        "Ville de Poitiers",
        "Ville de Limoges",
    ],
    "Occitanie": ["Toulouse Métropole", "Ville de Montpellier", "Conseil départemental de l'Aude"],
    "Pays de la Loire": ["Nantes Métropole", "Ville d'Angers", "Ville du Mans"],
    "Provence-Alpes-Côte d'Azur": [
        "Ville de Marseille",
        "Métropole Nice Côte d'Azur",
        "Ville d'Avignon",
    ],
    "La Réunion": ["Région Réunion", "Ville de Saint-Denis"],
}

PARTNERS: list[tuple[str, str, str]] = [
    ("Commune de Ouahigouya", "Burkina Faso", "BF"),
    ("Cercle de Kita", "Mali", "ML"),
    ("Région de Tillabéri", "Niger", "NE"),
    ("Département de Podor", "Sénégal", "SN"),
    ("Commune d'Abomey", "Bénin", "BJ"),
    ("Préfecture de Kloto", "Togo", "TG"),
    ("Province de Lao Cai", "Vietnam", "VN"),
    ("Province de Siem Reap", "Cambodge", "KH"),
    ("Région Analamanga", "Madagascar", "MG"),
    ("Commune de Jacmel", "Haïti", "HT"),
    ("Ville d'Erevan", "Arménie", "AM"),
    ("Ville de Tbilissi", "Géorgie", "GE"),
    ("Ville de Cluj-Napoca", "Roumanie", "RO"),
    ("Ville de Lviv", "Ukraine", "UA"),
    ("Municipalité de Valparaíso", "Chili", "CL"),
    ("Ville de Cuzco", "Pérou", "PE"),
    ("État de Oaxaca", "Mexique", "MX"),
    ("Ville de Curitiba", "Brésil", "BR"),
    ("Préfecture d'Ishikawa", "Japon", "JP"),
    ("Province du Hubei", "Chine", "CN"),
    ("État du Kerala", "Inde", "IN"),
    ("Ville de Douala", "Cameroun", "CM"),
    ("Commune de Nouadhibou", "Mauritanie", "MR"),
    ("District d'Abidjan", "Côte d'Ivoire", "CI"),
    ("Municipalité de Bethléem", "Palestine", "PS"),
    ("Union des municipalités de Tyr", "Liban", "LB"),
    ("Commune de Chefchaouen", "Maroc", "MA"),
    ("Municipalité de Sousse", "Tunisie", "TN"),
    ("Ville de Québec", "Canada", "CA"),
    ("Province de Jujuy", "Argentine", "AR"),
]

THEMES = [
    "Accès à l'eau potable et assainissement des quartiers périphériques",
    "Renforcement des capacités des services techniques municipaux "
    "et de la maîtrise d'ouvrage locale",
    "Développement de filières agricoles durables, "
    "transformation et commercialisation des produits locaux",
    "Valorisation du patrimoine culturel et développement d'un tourisme responsable et solidaire",
    "Gestion intégrée des déchets ménagers, tri à la source et valorisation",
    "Insertion professionnelle des jeunes et formation aux métiers de l'artisanat",
    "Planification urbaine, adressage et amélioration de la fiscalité locale",
    "Santé communautaire, prévention et accès aux soins de proximité",
    "Éducation, lecture publique et équipements scolaires",
    "Transition énergétique et éclairage public solaire",
    "Égalité femmes-hommes et participation des femmes à la vie locale",
    "Adaptation au changement climatique et prévention des risques d'inondation",
]


def build() -> dict[str, Any]:
    """The long spec as JSON data (96 laureates, region and lead cells merged)."""
    rng = random.Random(2018)
    rows: list[dict[str, Any]] = []
    while len(rows) < 96:
        for region, leads in REGION_LEADS.items():
            for gi in range(rng.randint(2, 4)):
                lead = rng.choice(leads)
                for li in range(rng.choice([1, 1, 2, 3])):
                    picked = rng.sample(PARTNERS, rng.choice([1, 1, 1, 2]))
                    cell = ", ".join(f"{n} ({c})" for n, c, _ in picked)
                    title = rng.choice(THEMES)
                    if rng.random() < 0.3:
                        title += " : " + rng.choice(THEMES).lower()
                    rows.append(
                        {
                            "cells": [
                                region if gi == 0 and li == 0 else "",
                                lead if li == 0 else "",
                                cell,
                                title,
                            ],
                            "partners": [list(p) for p in picked],
                        }
                    )
                    if len(rows) == 96:
                        break
                if len(rows) == 96:
                    break
            if len(rows) == 96:
                break
    return {
        "name": NAME,
        "description": "A long announcement (96 laureates over several pages) built "
        "deterministically by long_spec.py: region and lead cells merged over "
        "their groups, also across page breaks; rows broken across pages.",
        "header": {
            "ministry": "Ministère de l'Europe et des Affaires étrangères",
            "direction": [
                "Direction générale de la mondialisation,",
                "de la culture, de l'enseignement",
                "et du développement international",
            ],
            "delegation": [
                "Délégation pour l'action extérieure des",
                "collectivités territoriales",
            ],
            "date_line": "Paris, le 26 juin 2018",
            "title": "Lauréats de l'AAP biennal en soutien à la coopération décentralisée "
            "« Généraliste 2018-2019 »",
            "place": "Paris",
            "date": "2018-06-26",
            "call": {
                "name": "Généraliste",
                "periodicity": "biennal",
                "start_year": 2018,
                "end_year": 2019,
            },
        },
        "tables": [
            {
                "columns": [
                    "Région",
                    "Collectivité territoriale chef de file",
                    "Collectivité partenaire",
                    "Titre du projet",
                ],
                "roles": ["region", "lead", "partners", "title"],
                "merge": ["region", "lead"],
                "rows": rows,
            }
        ],
        "render": {
            "styles": ["word", "grid", "borderless"],
            "font": "Times-Roman",
            "size": 9,
            "margin": 54,
        },
    }


def main() -> None:
    """Write the long spec's JSON."""
    path = SPECS_DIR / f"{NAME}.json"
    path.write_text(json.dumps(build(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {Path(path).name}")


if __name__ == "__main__":
    main()
