/* t_lang.c: language identification of titles, paragraphs and the sample articles. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "decode.h"
#include "lang.h"
#include "util.h"
#include "paths.h"
#include "sample.h"
#include "tap.h"

/* One sample text and the language it is written in. */
struct sample {
	const char	*want;
	const char	*text;
};

static const struct sample titles[] = {
	{ "en", "Kazakhstan and China sign new deals on energy and trade" },
	{ "en", "President meets his counterpart to discuss the railway" },
	{ "de", "Kasachstan und China wollen ihre Zusammenarbeit weiter ausbauen" },
	{ "de", "Neue Bahnstrecke soll den Handel zwischen beiden Ländern stärken" },
	{ "pl", "Kazachstan i Chiny podpisały nowe umowy o współpracy" },
	{ "pl", "Prezydent spotkał się z ministrami w sprawie kolei" },
	{ "fr", "Le Kazakhstan et la Chine signent de nouveaux accords commerciaux" },
	{ "fr", "Le président reçoit son homologue pour parler du chemin de fer" },
	{ "ru", "Казахстан и Китай подписали новые соглашения о сотрудничестве" },
	{ "ru", "Токаев встретился с председателем КНР в Астане" },
	{ "kk", "Қазақстан мен Қытай жаңа келісімдерге қол қойды" },
	{ "kk", "Президент көрші елдің басшысымен кездесті" },
	{ "zh", "中国与哈萨克斯坦签署新的合作协议" },
	{ "zh", "习近平同托卡耶夫举行会谈" },
	/* profiles beyond the corpus languages keep them from being misnamed */
	{ "es", "Los dos países firman un acuerdo para construir una nueva carretera" },
	{ "it", "I due paesi firmano un accordo per costruire una nuova strada" },
};

static const struct sample paragraphs[] = {
	{ "en", "The new railway line will cut the time it takes to move goods "
	    "from the border to the sea by almost half. Officials from both "
	    "sides said that the project, which is expected to be finished "
	    "within three years, would also create thousands of jobs in towns "
	    "along the route, and that they were ready to invite private "
	    "investors to take part in it." },
	{ "de", "Die neue Bahnlinie soll die Zeit, die Waren von der Grenze bis "
	    "zum Meer brauchen, fast halbieren. Vertreter beider Seiten "
	    "erklärten, das Projekt werde voraussichtlich in drei Jahren "
	    "fertig sein und in den Städten entlang der Strecke tausende "
	    "Arbeitsplätze schaffen. Man sei bereit, auch private Investoren "
	    "daran zu beteiligen." },
	{ "pl", "Nowa linia kolejowa ma skrócić niemal o połowę czas przewozu "
	    "towarów od granicy do morza. Przedstawiciele obu stron "
	    "powiedzieli, że projekt, który powinien zostać ukończony w ciągu "
	    "trzech lat, stworzy też tysiące miejsc pracy w miastach wzdłuż "
	    "trasy, i że są gotowi zaprosić do niego prywatnych inwestorów." },
	{ "fr", "La nouvelle ligne ferroviaire doit réduire de près de moitié le "
	    "temps nécessaire pour acheminer les marchandises de la frontière "
	    "jusqu'à la mer. Les responsables des deux pays ont déclaré que le "
	    "projet, qui devrait être achevé d'ici trois ans, créera aussi des "
	    "milliers d'emplois dans les villes situées le long du tracé." },
	{ "ru", "Новая железная дорога позволит почти вдвое сократить время "
	    "доставки грузов от границы до моря. Представители обеих сторон "
	    "заявили, что проект, который планируется завершить в течение "
	    "трёх лет, также создаст тысячи рабочих мест в городах вдоль "
	    "маршрута, и что они готовы привлечь к нему частных инвесторов." },
	{ "ru", "Глава государства Касым-Жомарт Токаев провёл встречу в Ақорде, "
	    "где обсуждались вопросы торговли, энергетики и транспорта между "
	    "двумя странами, а также планы на следующий год." },
	{ "kk", "Жаңа темір жол шекарадан теңізге дейін жүк тасымалдау уақытын "
	    "екі есеге жуық қысқартады. Екі тараптың өкілдері жоба үш жыл "
	    "ішінде аяқталатынын және бағыт бойындағы қалаларда мыңдаған жаңа "
	    "жұмыс орнын ашатынын айтты. Олар жекеменшік инвесторларды да "
	    "тартуға дайын екенін мәлімдеді." },
	{ "zh", "新的铁路线将使货物从边境运到海边的时间缩短近一半。双方官员表示，"
	    "该项目预计在三年内完工，还将在沿线城镇创造数千个就业岗位，"
	    "并欢迎私人投资者参与。From: Xinhua" },
};

/* The neighbours that were named wrongly (be, bg -> ru, tr -> de,
 * pt -> es), sentences written for this test. */
static const struct sample neighbours[] = {
	{ "uk", "Уряд країни оголосив про нову програму підтримки фермерів, "
	    "які постраждали від посухи цього літа." },
	{ "uk", "Міністр сказав, що ціни на хліб не зростуть до кінця року." },
	{ "be", "Урад краіны абвясціў пра новую праграму падтрымкі фермераў, "
	    "якія пацярпелі ад засухі гэтым летам." },
	{ "be", "Міністр сказаў, што цэны на хлеб не вырастуць да канца года." },
	{ "bg", "Правителството на страната обяви нова програма за подкрепа на "
	    "фермерите, които пострадаха от сушата това лято." },
	{ "bg", "Министърът каза, че цените на хляба няма да се повишат до края "
	    "на годината." },
	{ "tr", "Hükümet, bu yaz kuraklıktan zarar gören çiftçiler için yeni bir "
	    "destek programı açıkladı." },
	{ "tr", "Bakan, ekmek fiyatlarının yıl sonuna kadar artmayacağını söyledi." },
	{ "pt", "O governo anunciou um novo programa de apoio aos agricultores "
	    "afetados pela seca deste verão." },
	{ "pt", "O ministro disse que o preço do pão não vai subir até ao fim do ano." },
	{ "nl", "De regering heeft een nieuw programma aangekondigd om de boeren "
	    "te steunen die deze zomer door de droogte zijn getroffen." },
	{ "nl", "De minister zei dat de prijs van het brood tot het einde van het "
	    "jaar niet zal stijgen." },
	{ "ru", "Министр сказал, что цены на хлеб не вырастут до конца года." },
	/* and the neighbours confused after them (da, nb -> sv; fi, et ->
	 * de; mk -> bg; ro -> it) */
	{ "da", "Regeringen har fremlagt et nyt program, der skal hjælpe de "
	    "landmænd, som har mistet deres høst efter sommerens tørke." },
	{ "nb", "Det er ikke mye igjen av avlingene etter tørken, sier bøndene, "
	    "og de vet ikke hva de skal gjøre med dyrene sine i vinter." },
	{ "fi", "Hallitus ilmoitti uudesta ohjelmasta, jolla tuetaan "
	    "viljelijöitä, joita kesän kuivuus on koetellut pahasti." },
	{ "et", "Valitsus teatas uuest programmist, mis peab aitama "
	    "põllumehi, kelle saagi selle suve põud hävitas." },
	{ "ro", "Guvernul a anunțat un nou program de sprijin pentru fermierii "
	    "care și-au pierdut recolta în urma secetei din această vară." },
	{ "mk", "Министерот рече дека цените на лебот нема да пораснат до "
	    "крајот на годината, а владата ќе им помогне на земјоделците." },
};

/* Languages without a profile give "" ("unknown"), not a neighbour's
 * code: Czech, Serbian (with ћ, and with only the ј љ њ it shares with
 * Macedonian) and Mongolian sentences; and Macedonian that has none of
 * ѓ ќ ѕ to tell it from Serbian. */
static void
check_unknown(void)
{
	static const char *const texts[] = {
		"Vláda oznámila nový program podpory pro zemědělce, které "
		"letos v létě postihlo sucho a kteří přišli o úrodu.",
		"Влада је најавила нови програм подршке за пољопривреднике "
		"које је ове године погодила суша.",
		"Министар је рекао да цене хлеба неће расти до краја године.",
		/* Macedonian, but with only the letters Serbian shares */
		"Владата најави нова програма за поддршка на земјоделците кои "
		"ги погоди сушата ова лето.",
		"Засгийн газар энэ зун ган гачигт нэрвэгдсэн малчдад туслах "
		"шинэ хөтөлбөр зарлалаа.",
	};
	size_t k;

	for (k = 0; k < sizeof texts / sizeof texts[0]; k++)
		is_str(lang_identify(texts[k], strlen(texts[k])), "",
		    "no profile: unknown");
}

/* Checks that every sample in V (N of them) is identified as its language. */
static void
check_samples(const struct sample *v, size_t n, const char *kind)
{
	size_t k;
	char name[64];

	for (k = 0; k < n; k++) {
		snprintf(name, sizeof name, "%s %zu is %s", kind, k, v[k].want);
		is_str(lang_identify(v[k].text, strlen(v[k].text)), v[k].want,
		    name);
	}
}

/* Texts too short or without letters give "". */
static void
check_unsure(void)
{
	is_str(lang_identify("", 0), "", "empty text");
	is_str(lang_identify("2024-07-03 19:56:10", 19), "", "only digits");
	is_str(lang_identify("12 345 678 + 2 = ?", 18), "", "digits, signs");
	is_str(lang_identify("ab", 2), "", "two letters");
	is_str(lang_identify("中", 3), "", "one Han character");
	is_str(lang_identify("Astana", 6), "", "one name");
	is_str(lang_identify("Xi Jinping in Astana", 20), "",
	    "names and a word many languages share");
	is_str(lang_identify("ひらがなとカタカナの文章です", strlen(
	    "ひらがなとカタカナの文章です")), "ja", "kana: not zh");
}

/* A long text: only its start is read, and the answer does not change. */
static void
check_long(void)
{
	struct buf b;
	size_t k;

	buf_init(&b);
	for (k = 0; k < 200; k++)
		buf_adds(&b, paragraphs[2].text);
	is_str(lang_identify(b.s, b.len), "pl", "200 paragraphs of Polish");
	buf_free(&b);
}

/* Writes S to DIR/NAME. */
static void
put(const char *dir, const char *name, const char *s)
{
	char path[1024];
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if ((fp = fopen(path, "w")) != NULL) {
		fputs(s, fp);
		fclose(fp);
	}
}

/* A profile of one's own (CRLF lines) is used; a file name that is no
 * language code is not. */
static void
check_own_profile(void)
{
	char dir[] = "/tmp/t_lang.XXXXXX", sub[64], cmd[128];
	const char *text = "zzoz zozo zzo ozz zoz";

	if (mkdtemp(dir) == NULL) {
		ok(0, "mkdtemp");
		return;
	}
	snprintf(sub, sizeof sub, "%s/lang", dir);
	mkdir(sub, 0700);
	put(sub, "xx.tri", "# a test profile\r\n_zz 9\r\nzzo 8\r\n_zo 7\r\n"
	    "zoz 6\r\nozo 5\r\nzo_ 4\r\n");
	put(sub, "\033q.tri", "_qq 9\nqqq 8\nqq_ 7\n");
	is_int(lang_init(dir), 0, "own profile loads");
	is_str(lang_identify(text, strlen(text)), "xx", "own profile used");
	is_str(lang_identify("qqq qqqq qq qqq", 15), "", "a bad name: not loaded");
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ok(system(cmd) == 0, "clean up");
}

/* Identifies a sample article read the way the corpus reads it. */
static void
check_article(const char *dir, const char *name, const char *want)
{
	char *text;
	size_t tlen;

	if ((text = sample_text(dir, name, &tlen)) == NULL) {
		ok(0, "read %s", name);
		return;
	}
	is_str(lang_identify(text, tlen), want, name);
	free(text);
}

int
main(void)
{
	const char *dir = paths_datadir();

	warn_quiet = 1;
	/* without profiles: script and letters still work */
	is_int(lang_init("/nonexistent"), -1, "no profiles: -1");
	is_str(lang_identify(titles[4].text, strlen(titles[4].text)), "pl",
	    "no profiles: Polish letters");
	is_str(lang_identify(titles[10].text, strlen(titles[10].text)), "kk",
	    "no profiles: Kazakh letters");
	check_own_profile();
	is_int(lang_init(dir), 0, "profiles load");
	check_samples(titles, sizeof titles / sizeof titles[0], "title");
	check_samples(paragraphs, sizeof paragraphs / sizeof paragraphs[0],
	    "paragraph");
	check_samples(neighbours, sizeof neighbours / sizeof neighbours[0],
	    "neighbour");
	check_unsure();
	check_unknown();
	check_long();
	check_article(dir, "000_b552a4a843a8c362.txt", "de");
	check_article(dir, "001_dedb6af14ab0635c.txt", "pl");
	check_article(dir, "002_d4b47ef68aae7118.txt", "en");
	check_article(dir, "003_76a0430b942b8f9f.txt", "en");
	check_article(dir, "004_04b1ac220f639b5e.txt", "en");
	lang_free();
	return tap_done();
}
