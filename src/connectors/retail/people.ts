/** Name pools: the seed's names first, then common US names so large populations look varied. */

export const FEMALE_FIRST_NAMES = [
  "Sarah", "Emily", "Jessica", "Amanda", "Lisa", "Maria", "Nicole", "Stephanie", "Jennifer", "Emma",
  "Ashley", "Megan", "Rachel", "Laura", "Hannah", "Olivia", "Sophia", "Grace", "Chloe", "Natalie",
  "Rebecca", "Karen", "Angela", "Michelle", "Kimberly", "Linda", "Patricia", "Susan", "Julia", "Anna",
];

export const MALE_FIRST_NAMES = [
  "Michael", "David", "Robert", "James", "Christopher", "Daniel", "Kevin", "John", "William", "Joseph",
  "Thomas", "Matthew", "Anthony", "Mark", "Andrew", "Joshua", "Brian", "Ryan", "Jason", "Eric",
  "Steven", "Justin", "Brandon", "Tyler", "Aaron", "Nathan", "Adam", "Samuel", "Benjamin", "Jacob",
];

export const LAST_NAMES = [
  "Johnson", "Chen", "Rodriguez", "Thompson", "Williams", "Davis", "Miller", "Wilson", "Anderson", "Taylor",
  "Garcia", "Brown", "Jones", "Lee", "White", "Smith", "Martinez", "Hansen", "Wei", "Clark",
  "Lewis", "Walker", "Hall", "Allen", "Young", "King", "Wright", "Lopez", "Hill", "Scott",
  "Green", "Adams", "Baker", "Nelson", "Carter", "Mitchell", "Perez", "Roberts", "Turner", "Phillips",
  "Campbell", "Parker", "Evans", "Edwards", "Collins", "Stewart", "Sanchez", "Morris", "Rogers", "Reed",
];

/** The seed shortens some first names in e-mail addresses (chris.taylor@). */
export const EMAIL_DOMAIN = "email.com";
