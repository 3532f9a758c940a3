// A compact gazetteer of countries, tech hubs and US/Canadian/Australian states, enough to put a job in a
// country (ISO 3166-1 alpha-2) from its location line. Lookups are token n-grams, like the skill matcher.

const COUNTRIES: Record<string, string> = {
  US: 'usa|us|u.s.|u.s.a.|united states|united states of america|america',
  CA: 'canada',
  GB: 'uk|u.k.|united kingdom|england|scotland|wales|great britain|britain',
  IE: 'ireland',
  DE: 'germany|deutschland',
  FR: 'france',
  NL: 'netherlands|the netherlands|holland',
  BE: 'belgium',
  ES: 'spain',
  PT: 'portugal',
  IT: 'italy',
  CH: 'switzerland',
  AT: 'austria',
  SE: 'sweden',
  NO: 'norway',
  DK: 'denmark',
  FI: 'finland',
  PL: 'poland',
  CZ: 'czech republic|czechia',
  RO: 'romania',
  UA: 'ukraine',
  GR: 'greece',
  EE: 'estonia',
  IL: 'israel',
  IN: 'india',
  SG: 'singapore',
  HK: 'hong kong',
  JP: 'japan',
  CN: 'china',
  KR: 'south korea|korea',
  TW: 'taiwan',
  AU: 'australia',
  NZ: 'new zealand',
  BR: 'brazil',
  AR: 'argentina',
  MX: 'mexico',
  CO: 'colombia',
  CL: 'chile',
  ZA: 'south africa',
  NG: 'nigeria',
  KE: 'kenya',
  AE: 'uae|united arab emirates|dubai|abu dhabi',
  MM: 'myanmar|yangon',
  VN: 'vietnam|ho chi minh city|hanoi',
  PH: 'philippines|manila',
  ID: 'indonesia|jakarta',
  TH: 'thailand|bangkok',
  MY: 'malaysia|kuala lumpur',
  TR: 'turkey|istanbul',
  EG: 'egypt|cairo',
  LU: 'luxembourg',
  IS: 'iceland|reykjavik',
  HU: 'hungary|budapest',
  LT: 'lithuania|vilnius',
  LV: 'latvia|riga',
  BG: 'bulgaria|sofia',
  RS: 'serbia|belgrade',
  HR: 'croatia|zagreb',
}

const CITIES: Record<string, string> = {
  US:
    'san francisco|sf|sf bay area|bay area|silicon valley|new york|new york city|nyc|brooklyn|manhattan|boston|seattle|' +
    'austin|los angeles|chicago|denver|boulder|portland|palo alto|mountain view|menlo park|sunnyvale|san jose|' +
    'redwood city|san mateo|oakland|berkeley|santa monica|san diego|irvine|costa mesa|washington dc|washington d.c.|dc|' +
    'atlanta|miami|philadelphia|pittsburgh|baltimore|raleigh|durham|nashville|minneapolis|detroit|ann arbor|salt lake city|' +
    'phoenix|scottsdale|tempe|dallas|houston|columbus|cincinnati|cleveland|st. louis|kansas city|madison|' +
    'cambridge, ma|somerville|reston|arlington|mclean|charlotte|tampa|orlando|las vegas|sacramento|provo|lehi|' +
    'new orleans|indianapolis|milwaukee|richmond|princeton|hoboken|jersey city|stamford|albuquerque',
  CA: 'toronto|vancouver|montreal|montréal|ottawa|waterloo|kitchener|calgary|edmonton|victoria, bc|halifax|quebec city',
  GB: 'london|manchester|edinburgh|glasgow|bristol|cambridge, uk|oxford|leeds|birmingham|brighton|belfast|cardiff|newcastle',
  IE: 'dublin|cork|galway',
  DE: 'berlin|munich|münchen|hamburg|frankfurt|cologne|köln|stuttgart|düsseldorf|dusseldorf|leipzig|dresden',
  FR: 'paris|lyon|toulouse|nantes|bordeaux|lille|marseille',
  NL: 'amsterdam|rotterdam|utrecht|the hague|eindhoven|delft',
  BE: 'brussels|antwerp|ghent|leuven',
  ES: 'madrid|barcelona|valencia|seville|malaga',
  PT: 'lisbon|porto',
  IT: 'milan|rome|turin',
  CH: 'zurich|zürich|geneva|lausanne|basel|zug',
  AT: 'vienna|graz',
  SE: 'stockholm|gothenburg|malmö|malmo',
  NO: 'oslo|bergen|trondheim',
  DK: 'copenhagen|aarhus',
  FI: 'helsinki|tampere',
  PL: 'warsaw|krakow|kraków|wroclaw|wrocław|gdansk|poznan',
  CZ: 'prague|brno',
  RO: 'bucharest|cluj|cluj-napoca',
  UA: 'kyiv|kiev|lviv|kharkiv',
  GR: 'athens|thessaloniki',
  EE: 'tallinn|tartu',
  IL: 'tel aviv|jerusalem|haifa|herzliya',
  IN: 'bangalore|bengaluru|mumbai|delhi|new delhi|hyderabad|pune|chennai|gurgaon|gurugram|noida|kolkata',
  SG: 'singapore',
  JP: 'tokyo|osaka|kyoto',
  CN: 'beijing|shanghai|shenzhen|hangzhou',
  KR: 'seoul',
  TW: 'taipei',
  AU: 'sydney|melbourne|brisbane|perth|adelaide|canberra',
  NZ: 'auckland|wellington|christchurch',
  BR: 'são paulo|sao paulo|rio de janeiro|florianópolis|belo horizonte',
  AR: 'buenos aires',
  MX: 'mexico city|guadalajara|monterrey',
  CO: 'bogotá|bogota|medellín|medellin',
  CL: 'santiago',
  ZA: 'cape town|johannesburg',
  NG: 'lagos',
  KE: 'nairobi',
}

/** Two-letter region codes after a comma ("Austin, TX", "Toronto, ON"). */
const US_STATES =
  'AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC'
const CA_PROVINCES = 'ON BC QC AB MB NS NB NL PE SK'
const US_STATE_NAMES =
  'california|texas|washington state|massachusetts|colorado|oregon|illinois|georgia|florida|virginia|north carolina|utah|arizona|michigan|minnesota|ohio|pennsylvania|new jersey|maryland|tennessee|wisconsin|missouri|indiana|connecticut'
const CA_PROVINCE_NAMES = 'ontario|british columbia|quebec|québec|alberta|nova scotia'

export const PLACE_TO_COUNTRY = new Map<string, string>()
const addAll = (table: Record<string, string>): void => {
  for (const [iso, names] of Object.entries(table))
    for (const n of names.split('|')) PLACE_TO_COUNTRY.set(n, iso)
}
addAll(COUNTRIES)
addAll(CITIES)
addAll({ US: US_STATE_NAMES, CA: CA_PROVINCE_NAMES })

export const REGION_CODE_TO_COUNTRY = new Map<string, string>()
for (const s of US_STATES.split(' ')) REGION_CODE_TO_COUNTRY.set(s, 'US')
for (const s of CA_PROVINCES.split(' ')) REGION_CODE_TO_COUNTRY.set(s, 'CA')
for (const s of ['NSW', 'VIC', 'QLD', 'WA']) REGION_CODE_TO_COUNTRY.set(s, s === 'WA' ? 'US' : 'AU')

/** Countries whose currency is called "dollar": a bare "$" there means the local dollar. */
export const DOLLAR_COUNTRIES: Record<string, string> = {
  US: 'USD',
  CA: 'CAD',
  AU: 'AUD',
  NZ: 'NZD',
  SG: 'SGD',
  HK: 'HKD',
}

/** Currency of a country, for amounts written without any currency marker. */
export const COUNTRY_CURRENCY: Record<string, string> = {
  ...DOLLAR_COUNTRIES,
  GB: 'GBP',
  IE: 'EUR',
  DE: 'EUR',
  FR: 'EUR',
  NL: 'EUR',
  BE: 'EUR',
  ES: 'EUR',
  PT: 'EUR',
  IT: 'EUR',
  AT: 'EUR',
  FI: 'EUR',
  GR: 'EUR',
  EE: 'EUR',
  LU: 'EUR',
  LT: 'EUR',
  LV: 'EUR',
  HR: 'EUR',
  CH: 'CHF',
  SE: 'SEK',
  NO: 'NOK',
  DK: 'DKK',
  PL: 'PLN',
  CZ: 'CZK',
  RO: 'RON',
  HU: 'HUF',
  BG: 'BGN',
  IL: 'ILS',
  IN: 'INR',
  JP: 'JPY',
  CN: 'CNY',
  KR: 'KRW',
  TW: 'TWD',
  BR: 'BRL',
  MX: 'MXN',
  AR: 'ARS',
  CO: 'COP',
  CL: 'CLP',
  ZA: 'ZAR',
  NG: 'NGN',
  KE: 'KES',
  AE: 'AED',
  TR: 'TRY',
  UA: 'UAH',
  IS: 'ISK',
  RS: 'RSD',
}
