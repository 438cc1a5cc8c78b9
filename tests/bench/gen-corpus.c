/* gen-corpus.c: a deterministic synthetic news corpus for the benchmark:
 * N articles of about 3 KB in en, de, pl, ru, kk, zh and fr, with
 * headers in many formats, datelines, boilerplate and theme terms at
 * realistic rates. Usage: gen-corpus N DIR (1000 files per directory). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define NTHEMES	7	/* energy, transport, trade, security, culture,
			 * diplomacy, agriculture and water */
#define PER_DIR	1000

/* The vocabulary of one language. */
struct lang {
	const char	*code;
	int		 spaces;	/* 0: no spaces between words (zh) */
	const char	*stop;		/* sentence end */
	const char	*subj[8];
	const char	*verb[8];
	const char	*fill[16];
	const char	*theme[NTHEMES][6];
	const char	*month[12];
	const char	*source_label;
	const char	*sources[4];
	const char	*share;
	const char	*cookie;
	const char	*more;
};

static const struct lang langs[] = {
	{ "en", 1, ".",
	  { "China", "Kazakhstan", "The two sides", "President Tokayev",
	    "Xi Jinping", "The ministry", "Officials in Astana", "Beijing" },
	  { "agreed to expand", "discussed", "signed a deal on",
	    "welcomed progress in", "pledged support for", "reviewed",
	    "called for closer work on", "announced plans for" },
	  { "the", "new", "joint", "regional", "long-term", "strategic",
	    "bilateral", "projects", "cooperation", "this year", "further",
	    "in Central Asia", "with partners", "the region", "growth",
	    "development" },
	  { { "gas pipeline", "oil", "uranium", "renewable energy",
	      "CNPC", "power plant" },
	    { "railway", "Khorgos", "dry port", "Belt and Road",
	      "transit corridor", "container trains" },
	    { "trade turnover", "investment", "exports", "yuan",
	      "free trade zone", "customs" },
	    { "security", "terrorism", "border", "extremism",
	      "joint exercises", "SCO" },
	    { "students", "Confucius Institute", "tourism", "visa-free",
	      "culture", "Luban workshop" },
	    { "strategic partnership", "state visit", "summit",
	      "foreign minister", "joint statement", "embassy" },
	    { "wheat", "Irtysh", "Ili River", "water resources",
	      "agriculture", "grain" } },
	  { "January", "February", "March", "April", "May", "June", "July",
	    "August", "September", "October", "November", "December" },
	  "Source:", { "Xinhua", "Reuters", "Astana Times", "Kazinform" },
	  "Share:", "We use cookies to improve your experience on our site.",
	  "Read more:" },
	{ "de", 1, ".",
	  { "China", "Kasachstan", "Beide Seiten", "Präsident Tokajew",
	    "Xi Jinping", "Das Ministerium", "Die Regierung", "Peking" },
	  { "vereinbarten den Ausbau von", "sprachen über",
	    "unterzeichneten ein Abkommen über", "begrüßten Fortschritte bei",
	    "sagten Unterstützung zu für", "prüften",
	    "forderten engere Arbeit an", "kündigten Pläne an für" },
	  { "die", "neue", "gemeinsame", "regionale", "langfristige",
	    "strategische", "bilaterale", "Projekte", "Zusammenarbeit",
	    "in diesem Jahr", "weiter", "in Zentralasien", "mit Partnern",
	    "der Region", "Wachstum", "Entwicklung" },
	  { { "Gaspipeline", "Erdöl", "Uran", "erneuerbare Energien",
	      "CNPC", "Kraftwerk" },
	    { "Eisenbahn", "Khorgos", "Trockenhafen", "Neue Seidenstraße",
	      "Transitkorridor", "Containerzüge" },
	    { "Handelsvolumen", "Investitionen", "Exporte", "Yuan",
	      "Freihandelszone", "Zoll" },
	    { "Sicherheit", "Terrorismus", "Grenze", "Extremismus",
	      "gemeinsame Übungen", "SOZ" },
	    { "Studenten", "Konfuzius-Institut", "Tourismus", "visafrei",
	      "Kultur", "Luban-Werkstatt" },
	    { "strategische Partnerschaft", "Staatsbesuch", "Gipfel",
	      "Außenminister", "gemeinsame Erklärung", "Botschaft" },
	    { "Weizen", "Irtysch", "Ili", "Wasserressourcen",
	      "Landwirtschaft", "Getreide" } },
	  { "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli",
	    "August", "September", "Oktober", "November", "Dezember" },
	  "Quelle:", { "dpa", "Reuters", "AFP", "Xinhua" },
	  "Teilen:", "Diese Webseite verwendet Cookies.",
	  "Lesen Sie auch:" },
	{ "pl", 1, ".",
	  { "Chiny", "Kazachstan", "Obie strony", "Prezydent Tokajew",
	    "Xi Jinping", "Ministerstwo", "Rząd", "Pekin" },
	  { "uzgodniły rozwój", "omówiły", "podpisały umowę w sprawie",
	    "z zadowoleniem przyjęły postęp w", "zadeklarowały wsparcie dla",
	    "przeanalizowały", "wezwały do współpracy w zakresie",
	    "ogłosiły plany dotyczące" },
	  { "nowe", "wspólne", "regionalne", "długoterminowe",
	    "strategiczne", "dwustronne", "projekty", "współpraca",
	    "w tym roku", "dalej", "w Azji Środkowej", "z partnerami",
	    "regionu", "wzrost", "rozwój", "obu krajów" },
	  { { "gazociąg", "ropa naftowa", "uran", "energia odnawialna",
	      "CNPC", "elektrownia" },
	    { "kolej", "Chorgos", "suchy port", "Pas i Szlak",
	      "korytarz tranzytowy", "pociągi kontenerowe" },
	    { "obroty handlowe", "inwestycje", "eksport", "juan",
	      "strefa wolnego handlu", "cła" },
	    { "bezpieczeństwo", "terroryzm", "granica", "ekstremizm",
	      "wspólne ćwiczenia", "SOW" },
	    { "studenci", "Instytut Konfucjusza", "turystyka", "ruch bezwizowy",
	      "kultura", "warsztat Luban" },
	    { "partnerstwo strategiczne", "wizyta państwowa", "szczyt",
	      "minister spraw zagranicznych", "wspólne oświadczenie",
	      "ambasada" },
	    { "pszenica", "Irtysz", "rzeka Ili", "zasoby wodne",
	      "rolnictwo", "zboże" } },
	  { "stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca",
	    "lipca", "sierpnia", "września", "października", "listopada",
	    "grudnia" },
	  "Źródło:", { "PAP", "Xinhua", "Polskie Radio", "Reuters" },
	  "Podziel się:", "Ta strona używa plików cookie.", "Czytaj też:" },
	{ "ru", 1, ".",
	  { "Китай", "Казахстан", "Стороны", "Президент Токаев",
	    "Си Цзиньпин", "Министерство", "Правительство", "Пекин" },
	  { "договорились расширить", "обсудили", "подписали соглашение о",
	    "приветствовали прогресс в", "поддержали",
	    "рассмотрели", "призвали к сотрудничеству в",
	    "объявили о планах по" },
	  { "новые", "совместные", "региональные", "долгосрочные",
	    "стратегические", "двусторонние", "проекты", "сотрудничество",
	    "в этом году", "дальнейшее", "в Центральной Азии",
	    "с партнерами", "региона", "рост", "развитие", "обеих стран" },
	  { { "газопровод", "нефть", "уран", "возобновляемая энергетика",
	      "CNPC", "электростанция" },
	    { "железная дорога", "Хоргос", "сухой порт", "Пояс и путь",
	      "транзитный коридор", "контейнерные поезда" },
	    { "товарооборот", "инвестиции", "экспорт", "юань",
	      "зона свободной торговли", "таможня" },
	    { "безопасность", "терроризм", "граница", "экстремизм",
	      "совместные учения", "ШОС" },
	    { "студенты", "Институт Конфуция", "туризм", "безвизовый режим",
	      "культура", "мастерская Лубань" },
	    { "стратегическое партнерство", "государственный визит",
	      "саммит", "министр иностранных дел", "совместное заявление",
	      "посольство" },
	    { "пшеница", "Иртыш", "река Или", "водные ресурсы",
	      "сельское хозяйство", "зерно" } },
	  { "января", "февраля", "марта", "апреля", "мая", "июня", "июля",
	    "августа", "сентября", "октября", "ноября", "декабря" },
	  "Источник:", { "ТАСС", "РИА Новости", "Интерфакс", "Синьхуа" },
	  "Поделиться:", "Мы используем файлы cookie.",
	  "Читайте также:" },
	{ "kk", 1, ".",
	  { "Қытай", "Қазақстан", "Екі тарап", "Президент Тоқаев",
	    "Си Цзиньпин", "Министрлік", "Үкімет", "Бейжің" },
	  { "кеңейтуге келісті", "талқылады", "келісімге қол қойды",
	    "ілгерілеуді құптады", "қолдау білдірді", "қарастырды",
	    "ынтымақтастыққа шақырды", "жоспарларын жариялады" },
	  { "жаңа", "бірлескен", "өңірлік", "ұзақ мерзімді",
	    "стратегиялық", "екіжақты", "жобалар", "ынтымақтастық",
	    "биыл", "әрі қарай", "Орталық Азияда", "серіктестермен",
	    "өңірдің", "өсім", "даму", "екі елдің" },
	  { { "газ құбыры", "мұнай", "уран", "жаңартылатын энергия",
	      "CNPC", "электр станциясы" },
	    { "теміржол", "Қорғас", "құрғақ порт", "Белдеу және жол",
	      "транзиттік дәліз", "контейнерлік пойыздар" },
	    { "тауар айналымы", "инвестиция", "экспорт", "юань",
	      "еркін сауда аймағы", "кеден" },
	    { "қауіпсіздік", "терроризм", "шекара", "экстремизм",
	      "бірлескен жаттығулар", "ШЫҰ" },
	    { "студенттер", "Конфуций институты", "туризм", "визасыз",
	      "мәдениет", "Лубань шеберханасы" },
	    { "стратегиялық әріптестік", "мемлекеттік сапар", "саммит",
	      "сыртқы істер министрі", "бірлескен мәлімдеме", "елшілік" },
	    { "бидай", "Ертіс", "Іле өзені", "су ресурстары",
	      "ауыл шаруашылығы", "астық" } },
	  { "қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым",
	    "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан" },
	  "Дереккөз:", { "ҚазАқпарат", "Egemen Qazaqstan", "Kazinform",
	    "Синьхуа" },
	  "Бөлісу:", "Сайт cookie файлдарын пайдаланады.", "Тағы оқыңыз:" },
	{ "zh", 0, "。",
	  { "中国", "哈萨克斯坦", "双方", "托卡耶夫总统", "习近平", "外交部",
	    "两国政府", "北京" },
	  { "同意扩大", "讨论了", "签署了关于", "欢迎", "表示支持", "回顾了",
	    "呼吁加强", "宣布了" },
	  { "新的", "共同", "地区", "长期", "战略", "双边", "项目", "合作",
	    "今年", "进一步", "在中亚", "与伙伴", "发展", "增长", "的",
	    "方面" },
	  { { "天然气管道", "石油", "铀", "可再生能源", "中石油", "发电厂" },
	    { "铁路", "霍尔果斯", "陆港", "一带一路", "过境走廊", "中欧班列" },
	    { "贸易额", "投资", "出口", "人民币", "自由贸易区", "海关" },
	    { "安全", "恐怖主义", "边境", "极端主义", "联合演习", "上合组织" },
	    { "留学生", "孔子学院", "旅游", "免签", "文化", "鲁班工坊" },
	    { "战略伙伴关系", "国事访问", "峰会", "外交部长", "联合声明",
	      "大使馆" },
	    { "小麦", "额尔齐斯河", "伊犁河", "水资源", "农业", "粮食" } },
	  { "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12" },
	  "来源：", { "新华社", "人民日报", "中国新闻网", "环球时报" },
	  "分享", "本网站使用cookie。", "相关新闻" },
	{ "fr", 1, ".",
	  { "La Chine", "Le Kazakhstan", "Les deux parties",
	    "Le président Tokaïev", "Xi Jinping", "Le ministère",
	    "Le gouvernement", "Pékin" },
	  { "ont convenu d'élargir", "ont discuté de",
	    "ont signé un accord sur", "ont salué les progrès dans",
	    "ont soutenu", "ont examiné", "ont appelé à renforcer",
	    "ont annoncé des projets de" },
	  { "les", "nouveaux", "communs", "régionaux", "à long terme",
	    "stratégiques", "bilatéraux", "projets", "coopération",
	    "cette année", "davantage", "en Asie centrale",
	    "avec les partenaires", "de la région", "croissance",
	    "développement" },
	  { { "gazoduc", "pétrole", "uranium", "énergies renouvelables",
	      "CNPC", "centrale électrique" },
	    { "chemin de fer", "Khorgos", "port sec", "Nouvelles routes de la soie",
	      "corridor de transit", "trains de conteneurs" },
	    { "échanges commerciaux", "investissements", "exportations",
	      "yuan", "zone de libre-échange", "douanes" },
	    { "sécurité", "terrorisme", "frontière", "extrémisme",
	      "exercices conjoints", "OCS" },
	    { "étudiants", "Institut Confucius", "tourisme",
	      "exemption de visa", "culture", "atelier Luban" },
	    { "partenariat stratégique", "visite d'État", "sommet",
	      "ministre des Affaires étrangères", "déclaration commune",
	      "ambassade" },
	    { "blé", "Irtych", "rivière Ili", "ressources en eau",
	      "agriculture", "céréales" } },
	  { "janvier", "février", "mars", "avril", "mai", "juin", "juillet",
	    "août", "septembre", "octobre", "novembre", "décembre" },
	  "Source :", { "AFP", "Le Monde", "RFI", "Xinhua" },
	  "Partager :", "Ce site utilise des cookies.", "À lire aussi" },
};
#define NLANGS	(sizeof langs / sizeof langs[0])

static uint64_t rng_state;

/* xorshift64*: the same corpus on every machine. */
static uint64_t
rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

/* A number in [0, n). */
static unsigned
pick(unsigned n)
{
	return (unsigned)((rng() >> 33) % n);
}

/* A random entry of a NULL-padded table of at most N. */
static const char *
any(const char *const *v, unsigned n)
{
	unsigned k = 0;

	while (k < n && v[k] != NULL)
		k++;
	return v[pick(k)];
}

/* The output buffer of one article. */
struct out {
	char	s[16384];
	size_t	len;
};

/* Appends S to the article (silently cut at the buffer's end). */
static void
add(struct out *o, const char *s)
{
	size_t n = strlen(s);

	if (o->len + n < sizeof o->s) {
		memcpy(o->s + o->len, s, n);
		o->len += n;
	}
}

/* Adds a word with the language's separator before it. */
static void
word(struct out *o, const struct lang *l, const char *w)
{
	if (l->spaces && o->len > 0 && o->s[o->len - 1] != '\n' &&
	    o->s[o->len - 1] != ' ')
		add(o, " ");
	add(o, w);
}

/* One sentence: subject, verb, filler, maybe theme terms of THEMES
 * (primary at a high rate, the rest rarely). */
static void
sentence(struct out *o, const struct lang *l, int primary, int second)
{
	int k, n = 4 + (int)pick(8);

	word(o, l, any(l->subj, 8));
	word(o, l, any(l->verb, 8));
	for (k = 0; k < n; k++) {
		unsigned r = pick(100);

		if (r < 9)
			word(o, l, any(l->theme[primary], 6));
		else if (r < 12)
			word(o, l, any(l->theme[second], 6));
		else if (r == 12)
			word(o, l, any(l->theme[pick(NTHEMES)], 6));
		else
			word(o, l, any(l->fill, 16));
	}
	add(o, l->stop);
}

/* The date line in one of the language's formats. */
static void
date_line(struct out *o, const struct lang *l, int y, int m, int d)
{
	char b[128];

	switch (pick(4)) {
	case 0:
		snprintf(b, sizeof b, "%04d-%02d-%02d %02u:%02u:%02u", y, m, d,
		    pick(24), pick(60), pick(60));
		break;
	case 1:
		snprintf(b, sizeof b, "%02d.%02d.%04d", d, m, y);
		break;
	default:
		if (strcmp(l->code, "zh") == 0)
			snprintf(b, sizeof b, "%d年%d月%d日", y, m, d);
		else if (strcmp(l->code, "kk") == 0)
			snprintf(b, sizeof b, "%d жылғы %d %s", y, d,
			    l->month[m - 1]);
		else if (strcmp(l->code, "en") == 0)
			snprintf(b, sizeof b, "%s %d, %d", l->month[m - 1], d,
			    y);
		else if (strcmp(l->code, "ru") == 0)
			snprintf(b, sizeof b, "%d %s %d года", d,
			    l->month[m - 1], y);
		else
			snprintf(b, sizeof b, "%d %s %d", d, l->month[m - 1],
			    y);
	}
	add(o, b);
	add(o, "\n");
}

/* Title, site line, date, share widget, source line. */
static void
head(struct out *o, const struct lang *l, int primary, int y, int m, int d)
{
	if (pick(5) == 0) {
		add(o, any(l->sources, 4));
		add(o, "\n\n");
	}
	word(o, l, any(l->subj, 8));
	word(o, l, any(l->verb, 8));
	word(o, l, any(l->theme[primary], 6));
	word(o, l, any(l->fill, 16));
	add(o, "\n\n");
	if (pick(20) != 0)
		date_line(o, l, y, m, d);
	if (pick(5) < 2) {
		add(o, l->share);
		add(o, "\n");
	}
	if (pick(2) == 0) {
		add(o, l->source_label);
		add(o, " ");
		add(o, any(l->sources, 4));
		add(o, "\n");
	}
	add(o, "\n");
}

/* The body: a dateline, paragraphs up to about TARGET bytes, a tail. */
static void
body(struct out *o, const struct lang *l, int primary, int second,
    size_t target)
{
	int k, n;

	if (pick(2) == 0) {
		word(o, l, any(l->subj, 8));
		add(o, strcmp(l->code, "zh") == 0 ? "电 " : " (");
		if (strcmp(l->code, "zh") != 0) {
			add(o, any(l->sources, 4));
			add(o, ") -- ");
		}
	}
	while (o->len < target) {
		n = 2 + (int)pick(5);
		for (k = 0; k < n; k++)
			sentence(o, l, primary, second);
		add(o, "\n\n");
	}
	if (pick(5) == 0) {
		add(o, l->more);
		add(o, "\n");
		sentence(o, l, second, primary);
		add(o, "\n\n");
	}
	if (pick(10) < 3) {
		add(o, l->cookie);
		add(o, "\n");
	}
}

/* Writes article I into DIR. */
static int
article(const char *dir, unsigned long i)
{
	static struct out o;
	const struct lang *l = &langs[pick(NLANGS)];
	int primary = (int)pick(NTHEMES), second = (int)pick(NTHEMES);
	char path[4096];
	FILE *fp;

	o.len = 0;
	head(&o, l, primary, 2015 + (int)pick(11), 1 + (int)pick(12),
	    1 + (int)pick(28));
	body(&o, l, primary, second, 1400 + pick(3800));
	snprintf(path, sizeof path, "%s/%03lu", dir, i / PER_DIR);
	if (i % PER_DIR == 0 && mkdir(path, 0755) == -1 && errno != EEXIST)
		return -1;
	snprintf(path, sizeof path, "%s/%03lu/%s-%06lu.txt", dir, i / PER_DIR,
	    l->code, i);
	if ((fp = fopen(path, "w")) == NULL)
		return -1;
	fwrite(o.s, 1, o.len, fp);
	return fclose(fp);
}

int
main(int argc, char **argv)
{
	unsigned long n, i;
	char *end;

	if (argc != 3 || (n = strtoul(argv[1], &end, 10)) == 0 || *end) {
		fputs("usage: gen-corpus N DIR\n", stderr);
		return 2;
	}
	if (mkdir(argv[2], 0755) == -1 && errno != EEXIST) {
		perror(argv[2]);
		return 1;
	}
	rng_state = 0x9e3779b97f4a7c15ULL;
	for (i = 0; i < n; i++)
		if (article(argv[2], i) == -1) {
			perror(argv[2]);
			return 1;
		}
	return 0;
}
