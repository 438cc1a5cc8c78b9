/* hanzi.c: how much a text looks like real Chinese, by its share of the
 * commonest Han characters: tells which of two legacy decodings (GB18030
 * or Big5) of the same bytes is the right one. */
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <unistr.h>

#include "hanzi.h"

#define HAN_FIRST	0x4E00
#define HAN_LAST	0x9FFF

/*
 * Some 400 of the commonest characters of news text, simplified and
 * traditional forms both (written for tread from general knowledge of the
 * language, not copied from a frequency list). Running Chinese text is
 * some 40% these; the same bytes read in the wrong one of GB18030 and
 * Big5 give rarer characters, punctuation and symbols nearly everywhere.
 */
static const char common[] =
	"的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就"
	"那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起"
	"还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老"
	"从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声"
	"全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走"
	"电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产"
	"入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活"
	"难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王"
	"果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛"
	"林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青"
	"管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武"
	"半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式"
	"李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友"
	"孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读"
	"志飞观争究包组造落视济喜离虽坏兴切准按省州席统闻罗萨克坦俄"
	"這們為來個說國時會過學對裡後麼沒於還發當無開見經頭從動兩長樣現將"
	"與進實點種聲話兒機給幾業間電門東關內卻軍產萬體別處總場師書員華報"
	"馬張難數車應親務記邊風戰幹許覺請愛讓認論義結領傳紅決達辦運強遠資"
	"隊帶條變聯權該區轉眾輕語識極黃錢黨設歷網際則單據導視濟離雖壞興準"
	"議圖選舉統聞導臺灣羅薩";

/* Global: built once (bits_once: the loader threads decode at the same
 * time), then only read. */
static uint8_t bits[(HAN_LAST - HAN_FIRST + 1 + 7) / 8];
static pthread_once_t bits_once = PTHREAD_ONCE_INIT;

/* Marks every character of common[] in bits, once for all threads. */
static void
bits_build(void)
{
	const uint8_t *s = (const uint8_t *)common;
	size_t n = sizeof common - 1, i = 0;
	ucs4_t u;
	int l;

	while (i < n) {
		l = u8_mbtouc(&u, s + i, n - i);
		if (u >= HAN_FIRST && u <= HAN_LAST)
			bits[(u - HAN_FIRST) / 8] |= (uint8_t)(1u << (u - HAN_FIRST) % 8);
		i += (size_t)(l > 0 ? l : 1);
	}
}

/* Is U one of the common characters? */
static int
is_common(ucs4_t u)
{
	return u >= HAN_FIRST && u <= HAN_LAST &&
	    (bits[(u - HAN_FIRST) / 8] >> (u - HAN_FIRST) % 8 & 1);
}

int
hanzi_score(const char *text, size_t len)
{
	const uint8_t *s = (const uint8_t *)text;
	size_t i = 0, hi = 0, hit = 0;
	ucs4_t u;
	int l;

	pthread_once(&bits_once, bits_build);
	while (i < len) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		l = u8_mbtouc(&u, s + i, len - i);
		hi++;
		hit += (size_t)is_common(u);
		i += (size_t)(l > 0 ? l : 1);
	}
	return hi == 0 ? 0 : (int)(hit * 1000 / hi);
}

int
hanzi_clearly_better(const char *b, size_t blen, const char *a, size_t alen)
{
	return hanzi_score(b, blen) > hanzi_score(a, alen) + 100;
}

/*
 * Traditional characters and their simplified forms, in pairs (some 600
 * of the commonest in news text and in the lexicon's Chinese terms,
 * written for tread from general knowledge of the two scripts, not
 * copied from a conversion table). Folding maps the first of each pair
 * to the second, so a term written in simplified characters finds the
 * same word in a Hong Kong or Taiwan story (上海合作組織, 數字經濟).
 * Only one-to-one pairs whose simplified form is not another word's
 * character in its own right are listed (not 著, 乾, 藝).
 */
static const char trad_simp[] =
	"絲丝業业豐丰為为義义樂乐雲云亞亚產产會会體体農农擊击劇剧務务動动勢势"
	"區区華华單单廠厂發发髮发臺台颱台員员園园國国場场獎奖學学憲宪導导屬属"
	"師师開开戶户擴扩護护據据數数無无術术機机來来極极氣气漢汉濟济點点煉炼"
	"電电礦矿磚砖礎础種种類类糧粮纖纤線线組组織织經经綢绸網网聯联藝艺節节"
	"觀观覽览計计設设證证話话語语貨货質质購购貿贸資资輸输邊边過过運运鎢钨"
	"鈾铀鐵铁銅铜銀银鋰锂長长陽阳陸陆領领額额風风館馆魯鲁麥麦東东與与兩两"
	"個个們们這这時时說说後后對对實实現现將将進进關关軍军萬万處处總总報报"
	"馬马張张難难車车應应親亲記记戰战許许讓让認认論论結结傳传紅红決决達达"
	"辦办強强遠远隊队帶带條条變变權权該该轉转眾众輕轻識识黃黄錢钱黨党歷历"
	"際际則则視视離离雖虽壞坏興兴準准億亿門门問问間间聞闻見见覺觉頭头從从"
	"於于裡里裏里麼么沒没還还當当樣样聲声兒儿給给幾几卻却書书請请愛爱幹干"
	"貝贝財财貸贷費费價价稅税匯汇幣币項项態态續续統统劃划維维級级協协議议"
	"約约簽签訂订舉举參参談谈訪访稱称訊讯載载團团廳厅縣县鄉乡鎮镇號号層层"
	"樓楼庫库倉仓儲储飛飞軌轨橋桥輛辆鏈链絡络軟软碼码塊块創创專专課课訓训"
	"練练職职畫画慶庆遊游賓宾飯饭檢检驗验衛卫醫医藥药療疗環环減减綠绿鋁铝"
	"鋅锌鉛铅鋼钢鉀钾鉬钼販贩習习穩稳槍枪彈弹偵侦騙骗詐诈階阶盡尽慮虑閉闭"
	"闊阔陳陈韓韩羅罗烏乌茲兹別别爾尔島岛灣湾滬沪蘇苏廣广遼辽吳吴劉刘楊杨"
	"趙赵孫孙鄭郑謝谢鄧邓馮冯雞鸡魚鱼鳥鸟龍龙齊齐麗丽傷伤儀仪優优偉伟倫伦"
	"僑侨債债傾倾償偿蘭兰養养獸兽冊册寫写衝冲況况凍冻淨净涼凉鳳凤憑凭剛刚"
	"刪删製制劑剂劍剑勸劝勵励勞劳勳勋賣卖盧卢壓压厭厌雙双敘叙葉叶嘆叹嗎吗"
	"聽听啟启響响圍围圖图圓圆聖圣堅坚壇坛壘垒墾垦執执掃扫揚扬搶抢擇择掛挂"
	"擠挤換换損损擲掷攝摄擺摆搖摇敵敌斷断舊旧曠旷顯显晉晋曬晒殺杀雜杂構构"
	"標标樹树檔档夢梦橫横歡欢歐欧殘残畢毕溝沟瀝沥淪沦滄沧淚泪澤泽潔洁淺浅"
	"測测瀏浏濃浓濤涛漲涨潤润澀涩淵渊漸渐漁渔溫温濕湿滿满滾滚滯滞滅灭燈灯"
	"靈灵災灾爐炉爛烂熱热煩烦燒烧煙烟爺爷牽牵猶犹狀状獨独狹狭獅狮獵猎獻献"
	"豬猪瑪玛瓊琼暢畅瘋疯監监蓋盖盤盘確确礙碍禮礼禍祸積积窮穷竊窃競竞筆笔"
	"築筑簡简籌筹緊紧糾纠紀纪納纳縱纵紛纷紙纸紡纺細细終终紹绍繞绕繪绘繼继"
	"績绩綜综編编緩缓緣缘縮缩罰罚罷罢聰聪肅肃腸肠膚肤腫肿脅胁勝胜腦脑腳脚"
	"脫脱臘腊艦舰艙舱艱艰蘆芦蒼苍範范榮荣獲获穫获萊莱營营蕭萧藍蓝補补裝装"
	"規规討讨講讲評评訴诉詞词譯译試试詩诗誠诚詢询詳详誤误諸诸讀读誰谁調调"
	"誼谊謀谋謂谓負负貢贡責责賢贤敗败貧贫貫贯貴贵賀贺賞赏賠赔賴赖賽赛贊赞"
	"贏赢趕赶趨趋躍跃踐践蹤踪輪轮較较輝辉轄辖遷迁邁迈違违連连遲迟適适選选"
	"遜逊遞递邏逻遺遗郵邮鄰邻釋释鑒鉴針针鐘钟鍾钟鑽钻銷销鎖锁鍋锅錯错鍵键"
	"閃闪闖闯閒闲閘闸鬧闹閱阅陰阴陣阵險险隨随隱隐霧雾頂顶順顺須须顧顾頓顿"
	"預预頻频題题顏颜飲饮飾饰驅驱駛驶駐驻騎骑驟骤鮮鲜薩萨襲袭週周鬥斗隻只"
	"頁页鋪铺擔担擁拥蓮莲氫氢頒颁穀谷誌志";

static uint16_t simp_of[HAN_LAST - HAN_FIRST + 1];
static pthread_once_t simp_once = PTHREAD_ONCE_INIT;

/* Fills simp_of from trad_simp (once). */
static void
simp_build(void)
{
	const uint8_t *p = (const uint8_t *)trad_simp;
	size_t len = strlen(trad_simp);
	ucs4_t t, s;
	int k;

	while (len > 0 && (k = u8_mbtouc(&t, p, len)) > 0) {
		p += k;
		len -= (size_t)k;
		if ((k = u8_mbtouc(&s, p, len)) <= 0)
			break;
		p += k;
		len -= (size_t)k;
		if (t >= HAN_FIRST && t <= HAN_LAST && s >= HAN_FIRST &&
		    s <= HAN_LAST)
			simp_of[t - HAN_FIRST] = (uint16_t)(s - HAN_FIRST + 1);
	}
}

/* The simplified form of traditional character U, else U itself. */
ucs4_t
hanzi_simplify(ucs4_t u)
{
	if (u < HAN_FIRST || u > HAN_LAST)
		return u;
	pthread_once(&simp_once, simp_build);
	if (simp_of[u - HAN_FIRST] == 0)
		return u;
	return (ucs4_t)HAN_FIRST + simp_of[u - HAN_FIRST] - 1;
}
