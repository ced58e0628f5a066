package io.stratify.jobs.generate;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Fake but realistic, deliberately distinctive people's names and e-mail addresses (at the reserved
 * {@code .example} domain), so that a clear-text name leaking past bronze is easy to spot. Some
 * exports write "Last, First" and some carry a quoted nickname: both need CSV quoting.
 */
final class PersonNames {

  private static final List<String> FIRST =
      List.of(
          "Aiko",
          "Amélie",
          "Anselm",
          "Bartholomew",
          "Beatriz",
          "Chiamaka",
          "Cormac",
          "Dagny",
          "Dmitri",
          "Eero",
          "Esperanza",
          "Farrukh",
          "Fenella",
          "Giedrė",
          "Gunnar",
          "Hamish",
          "Hyun-woo",
          "Ines",
          "Isidore",
          "Jovana",
          "Jurgen",
          "Kwabena",
          "Kalinda",
          "Leilani",
          "Lorcan",
          "Mateus",
          "Mireille",
          "Niamh",
          "Nnamdi",
          "Oluwaseun",
          "Ottilie",
          "Priya",
          "Pascual",
          "Quentin",
          "Radka",
          "Rafferty",
          "Saoirse",
          "Sigrún",
          "Tadeusz",
          "Thandiwe",
          "Ulla",
          "Umberto",
          "Vikram",
          "Vesna",
          "Wanjiru",
          "Wendell",
          "Xiomara",
          "Yusuf",
          "Yevgenia",
          "Zofia",
          "Zebedee",
          "Åsa",
          "Émile",
          "Noor",
          "Tomasz",
          "Ifeoma");

  private static final List<String> LAST =
      List.of(
          "Abernathy",
          "Bergström",
          "Castellanos",
          "D'Souza",
          "Eriksen",
          "Fitzgerald",
          "Gonçalves",
          "Hadžić",
          "Ishikawa",
          "Jaramillo",
          "Kowalczyk",
          "Lindqvist",
          "Mbeki",
          "Nakamura",
          "O'Sullivan",
          "Petrov",
          "Quispe",
          "Ramachandran",
          "Szabó",
          "Thorsen",
          "Umarov",
          "van der Berg",
          "Wójcik",
          "Xu",
          "Yılmaz",
          "Zeller",
          "Achterberg",
          "Bellweather",
          "Okonkwo-Reyes",
          "de la Cruz",
          "Featherstonehaugh",
          "Grünewald",
          "Hollingsworth",
          "Iwu",
          "Jóhannsdóttir",
          "Kapoor",
          "Lefebvre",
          "MacAskill",
          "Nørgaard",
          "Papadopoulos",
          "Rautio",
          "Sundaresan",
          "Tremblay",
          "Vasquez-Oyelaran");

  private static final List<String> NICKNAMES =
      List.of("Bex", "Doc", "Sunny", "Tink", "Moss", "Ziggy", "Pip", "Kip");

  private final SeededRandom random;
  private final String domain;
  private final boolean lastNameFirst;
  private final Set<String> usedNames = new HashSet<>();
  private final Set<String> usedEmails = new HashSet<>();

  PersonNames(SeededRandom random, String domain, boolean lastNameFirst) {
    this.random = random;
    this.domain = domain;
    this.lastNameFirst = lastNameFirst;
  }

  /** A new person: their full name as the export writes it, and their e-mail address. */
  String[] next() {
    String first;
    String last;
    do {
      first = random.pick(FIRST);
      last = random.pick(LAST);
    } while (!usedNames.add(first + " " + last));
    String full = lastNameFirst ? last + ", " + first : first + " " + last;
    if (random.chance(0.06)) {
      full = first + " \"" + random.pick(NICKNAMES) + "\" " + last;
    }
    String local = ascii(first) + "." + ascii(last);
    String email = local + "@" + domain;
    for (int n = 2; !usedEmails.add(email); n++) {
      email = local + n + "@" + domain;
    }
    return new String[] {full, email};
  }

  private static String ascii(String name) {
    String folded =
        Normalizer.normalize(name.replace("ø", "o").replace("ı", "i"), Normalizer.Form.NFD)
            .replaceAll("\\p{M}", "");
    return folded.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }
}
