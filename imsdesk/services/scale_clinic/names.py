"""Who the scale clinic's patients are: names, birth dates, phones, e-mail and addresses.

Names of a mixed North American city, the most frequent first; each patient's
details are drawn from the clinic's one random stream, so the same seed gives
the same people.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from itertools import accumulate
from typing import Any

from imsdesk.domain.patients import Sex, fold
from imsdesk.services.demo_data import STREETS
from imsdesk.services.scale_clinic.draws import weighted


def _listed(names: str) -> tuple[str, ...]:
    """Names written a line at a time, comma-separated (some hold spaces: "Da Silva")."""
    return tuple(name.strip() for name in names.split(","))


FAMILY = _listed(
    """
    Smith, Brown, Tremblay, Martin, Roy, Wilson, MacDonald, Gagnon, Johnson, Taylor, Campbell,
    Anderson, Lee, Leblanc, Jones, White, Williams, Thompson, Côté, Wong, Singh, Bouchard,
    Gauthier, Morin, Miller, Young, Lavoie, Fortin, Chen, Clark, Walker, Scott, Stewart,
    Robinson, Wright, Patel, Nguyễn, Kaur, Li, Wang, Zhang, Liu, Kim, Park, Gill, Sandhu,
    Dhillon, Grewal, Sidhu, Fraser, Ross, Murray, Reid, Hughes, Evans, Davies, Roberts, Hall,
    Allen, King, Green, Baker, Adams, Nelson, Hill, Mitchell, Carter, Turner, Phillips, Parker,
    Collins, Edwards, Morris, Murphy, Cook, Rogers, Morgan, Cooper, Peterson, Bailey, Reed,
    Kelly, Howard, Cox, Ward, Richardson, Watson, Brooks, Wood, James, Bennett, Gray, García,
    Rodríguez, Martínez, Hernández, López, González, Pérez, Sánchez, Ramírez, Torres, Flores,
    Rivera, Gómez, Díaz, Santos, Da Silva, Oliveira, Ferreira, Costa, Almeida, Rossi, Russo,
    Ferrari, Esposito, Bianchi, Romano, Müller, Schmidt, Schneider, Fischer, Weber, Meyer,
    Wagner, Becker, Schulz, Hoffmann, Dubois, Lefèvre, Moreau, Girard, Bélanger, Pelletier,
    Bergeron, Lapointe, Lévesque, Simard, Boucher, Ouellet, Poirier, Kowalski, Nowak, Wójcik,
    Wiśniewski, Łukasiewicz, Petrović, Jovanović, Ivanova, Ivanov, Popescu, Novák, Horvath,
    Nagy, Jensen, Nielsen, Hansen, Johansson, Andersson, Karlsson, Larsen, Søndergaard,
    Gunnarsdóttir, Virtanen, Korhonen, O'Brien, O'Connor, O'Neill, Ó Súilleabháin, Quinn,
    Walsh, Byrne, Ryan, Doyle, McCarthy, Gallagher, Tanaka, Suzuki, Takahashi, Watanabe,
    Yamamoto, Nakamura, Kobayashi, Sato, Ito, Ahmed, Khan, Ali, Hussain, Rahman, Hassan,
    Mohamed, Okafor, Adeyemi, Mensah, Mwangi, Çelik, Yılmaz, Kaya, Demir, Van der Berg,
    De Vries, Janssen, Bakker, Visser, Smith-Jones, Lam, Chan, Cheung, Ho, Tran, Pham, Le,
    Huang, Zhou
    """
)
FEMALE = _listed(
    """
    Olivia, Emma, Charlotte, Amelia, Sophia, Chloé, Léa, Maya, Ava, Isabella, Mia, Zoë, Hannah,
    Grace, Julia, Sarah, Emily, Jessica, Ashley, Jennifer, Linda, Susan, Karen, Nancy, Lisa,
    Margaret, Mary, Patricia, Barbara, Elizabeth, Catherine, Anne, Marie, Nathalie, Isabelle,
    Sylvie, Chantal, Fatima, Aisha, Priya, Harpreet, Simran, Mei, Ying, Yuki, Sakura, Ana,
    Maria, Sofia, Lucía, Saoirse, Ingrid, Astrid, Agnieszka, Katarzyna, Olga, Irina, Ngozi,
    Amara, Elif
    """
)
MALE = _listed(
    """
    Liam, Noah, William, Lucas, Benjamin, Oliver, Ethan, James, Jacob, Logan, Nathan, Samuel,
    David, Daniel, Michael, John, Robert, Richard, Thomas, Charles, Christopher, Matthew, Mark,
    Paul, Steven, Kevin, Brian, Jean, Pierre, François, Luc, Marc, André, Martin, Mohammed,
    Ahmed, Omar, Rajesh, Harjit, Gurpreet, Wei, Jun, Hiroshi, Kenji, Carlos, Mateo, Diego,
    João, Giovanni, Jörg, Lars, Tomasz, Piotr, Dmitri, Chidi, Kwame, Emre
    """
)
GIVEN = {Sex.FEMALE: FEMALE, Sex.MALE: MALE, Sex.UNKNOWN: FEMALE + MALE}
# Weights fall off gently: the commonest name about 2% of patients, the rarest 0.2%.
FAMILY_WEIGHTS = tuple(accumulate(1.0 / (rank + 20) for rank in range(1, len(FAMILY) + 1)))


def patient_row(
    rng: random.Random, patient_id: int, chart: str, registered: datetime, today: date
) -> tuple[Any, ...]:
    """One patient, in the order of the batch's patient columns."""
    sex = (Sex.FEMALE, Sex.MALE, Sex.UNKNOWN)[weighted(rng, (55, 99, 100))]
    given = GIVEN[sex][int(rng.random() * len(GIVEN[sex]))]
    if rng.random() < 0.15:  # a middle name
        given += " " + GIVEN[sex][int(rng.random() * len(GIVEN[sex]))]
    family = FAMILY[weighted(rng, FAMILY_WEIGHTS)]
    born = today - timedelta(days=rng.randint(18 * 365 + 5, 88 * 365))
    key = fold(family).replace(" ", "").replace("'", "")
    email = f"{fold(given.split()[0])}.{key}{rng.randint(1, 99)}@example.org"
    return (
        patient_id,
        chart,
        fold(chart),
        family,
        given,
        fold(family),
        fold(given),
        born,
        sex.value,
        f"555-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}",
        email if rng.random() < 0.8 else "",
        f"{rng.randint(1, 2400)} {STREETS[int(rng.random() * len(STREETS))]}",
        "",
        registered,
        registered,
    )
