/* The metric dictionary (指标词库): the entry table and the normal band over
 * stored intervals; the figures themselves are common/metrics.c's. */
#include "metricdict.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define N_(s) (s)

/* Interval values: a count is read off the counts, a figure is computed by
 * common/metrics.c under the parameters in force. */
static double v_offered(const hl_metrics_counters *c, const hl_metrics_params *p) { (void)p; return (double)c->offered; }
static double v_answered(const hl_metrics_counters *c, const hl_metrics_params *p) { (void)p; return (double)c->answered; }
static double v_abandoned(const hl_metrics_counters *c, const hl_metrics_params *p) { (void)p; return (double)c->abandoned; }
static double v_short(const hl_metrics_counters *c, const hl_metrics_params *p) { (void)p; return (double)c->short_abandoned; }
static double v_timed_out(const hl_metrics_counters *c, const hl_metrics_params *p) { (void)p; return (double)c->timed_out; }
static double v_handled(const hl_metrics_counters *c, const hl_metrics_params *p) { (void)p; return (double)c->handled; }
static double v_sl(const hl_metrics_counters *c, const hl_metrics_params *p) { return hl_metrics_value(HL_METRIC_SL, c, p); }
static double v_asa(const hl_metrics_counters *c, const hl_metrics_params *p) { return hl_metrics_value(HL_METRIC_ASA, c, p); }
static double v_aht(const hl_metrics_counters *c, const hl_metrics_params *p) { return hl_metrics_value(HL_METRIC_AHT, c, p); }
static double v_abandon(const hl_metrics_counters *c, const hl_metrics_params *p) { return hl_metrics_value(HL_METRIC_ABANDON_RATE, c, p); }
static double v_csat(const hl_metrics_counters *c, const hl_metrics_params *p) { return hl_metrics_value(HL_METRIC_CSAT, c, p); }
static double v_nps(const hl_metrics_counters *c, const hl_metrics_params *p) { return hl_metrics_value(HL_METRIC_NPS, c, p); }

#define QF (HL_METRICDICT_QUEUE | HL_METRICDICT_FLOOR)
#define QFA (HL_METRICDICT_QUEUE | HL_METRICDICT_FLOOR | HL_METRICDICT_AGENT)

/* Sources, as docs/metrics.md §5 and §7 tell them. */
#define SRC_COUNTS "today's stored contacts, counted as their rows change (server/figures.c); " \
	"per 15-minute interval in table figures_interval"
#define SRC_RATINGS "the ratings stored on today's contacts, counted as their rows change " \
	"(server/figures.c); per 15-minute interval in table figures_interval"
#define SRC_LIVE "the routing engine, live at the moment of the request"
#define SRC_AGENT_TIME "agents' state time (busy, idle, logged-in, meeting) the routing engine " \
	"has counted since the broker started; not kept per day"
#define SHOWN_FLOOR "hotline-ctl floor; the agent desk's figures of its queues"

/* The table. A figure of common/metrics.c takes its English definition
 * from there (definition NULL); the others' definitions are the words of
 * docs/metrics.md §2 and §8, which a unit test holds to that file. */
static const hl_metricdict_entry entries[] = {
	/* Live, per queue and for the floor. */
	{.name = "waiting", .name_en = "Contacts waiting", .name_zh = "排队数", .metric = -1,
	 .definition = "contacts in the queue now, not yet answered, offers in flight included",
	 .definition_zh = "当前在队列中尚未接通的会话数，含正在分配给坐席的会话",
	 .formula = "count of contacts queued now", .source = SRC_LIVE, .unit = "contacts",
	 .computed_by = "the routing engine's queue state (hl_route_queue_stats_get)",
	 .shown = SHOWN_FLOOR, .floor_key = "waiting", .scope = QF},
	{.name = "longest_wait", .name_en = "Longest wait", .name_zh = "最长等待时长", .metric = -1,
	 .definition = "the wait so far of the contact that has waited longest of those waiting "
		       "now; 0 when none waits",
	 .definition_zh = "当前排队会话中已等待最久者的等待时长；无人排队时为 0",
	 .formula = "max(now − joined the queue) over contacts waiting now", .source = SRC_LIVE,
	 .unit = "s", .computed_by = "the routing engine's queue state (hl_route_queue_stats_get)",
	 .shown = SHOWN_FLOOR " (longest_wait_ms in --json)", .floor_key = "longest_wait_ms",
	 .scope = QF},
	/* The day's counts, per queue and for the floor. */
	{.name = "offered", .name_en = "Offered", .name_zh = "进线量", .metric = -1,
	 .definition = "contacts that entered the queue. A contact refused on arrival (queue "
		       "closed or full) is not offered",
	 .definition_zh = "进入队列的会话数；到达时被拒绝（队列关闭或已满）的不计入",
	 .formula = "offered", .source = SRC_COUNTS, .unit = "contacts",
	 .computed_by = "hl_metrics_count_offered (via hl_metrics_count_contact)",
	 .shown = SHOWN_FLOOR, .floor_key = "offered", .scope = QF, .value = v_offered},
	{.name = "answered", .name_en = "Answered", .name_zh = "接通量", .metric = -1,
	 .definition = "offered contacts an agent accepted",
	 .definition_zh = "进线后被坐席接起的会话数",
	 .formula = "answered", .source = SRC_COUNTS, .unit = "contacts",
	 .computed_by = "hl_metrics_count_answered (via hl_metrics_count_contact)",
	 .shown = SHOWN_FLOOR, .floor_key = "answered", .scope = QF, .value = v_answered},
	{.name = "abandoned", .name_en = "Abandoned", .name_zh = "放弃量", .metric = -1,
	 .definition = "contacts whose customer left before an answer, short abandons included",
	 .definition_zh = "接通前客户离开的会话数，含短时放弃",
	 .formula = "abandoned", .source = SRC_COUNTS, .unit = "contacts",
	 .computed_by = "hl_metrics_count_abandoned (via hl_metrics_count_contact)",
	 .shown = SHOWN_FLOOR, .floor_key = "abandoned", .scope = QF, .value = v_abandoned},
	{.name = "short_abandoned", .name_en = "Short abandons", .name_zh = "短时放弃量",
	 .metric = -1,
	 .definition = "abandoned contacts whose wait was < S",
	 .definition_zh = "等待时长小于 S 秒即放弃的会话数（S 为队列的短时放弃阈值）",
	 .formula = "short abandoned (wait < S)", .source = SRC_COUNTS, .unit = "contacts",
	 .computed_by = "hl_metrics_count_abandoned, hl_metrics_is_short_abandon",
	 .shown = "hotline-ctl floor (short, beside abandoned)", .floor_key = "short_abandoned",
	 .scope = QF, .value = v_short},
	{.name = "timed_out", .name_en = "Timed out", .name_zh = "超时出队量", .metric = -1,
	 .definition = "contacts taken out at the queue's maximum wait",
	 .definition_zh = "达到队列最长等待时间后被移出队列的会话数",
	 .formula = "timed out", .source = SRC_COUNTS, .unit = "contacts",
	 .computed_by = "hl_metrics_count_timed_out (via hl_metrics_count_contact)",
	 .shown = "not shown yet (kept per interval)", .scope = QF, .value = v_timed_out},
	{.name = "handled", .name_en = "Handled", .name_zh = "处理量", .metric = -1,
	 .definition = "conversations finished",
	 .definition_zh = "已结束的会话数",
	 .formula = "handled", .source = SRC_COUNTS, .unit = "contacts",
	 .computed_by = "hl_metrics_count_handled (via hl_metrics_count_contact)",
	 .shown = "hotline-ctl floor --wide, floor agents; the agent desk's own figures",
	 .floor_key = "handled", .agent_keys = "handled", .scope = QFA, .value = v_handled},
	/* The figures of common/metrics.c. */
	{.name = "sl", .name_en = "Service level", .name_zh = "服务水平", .metric = HL_METRIC_SL,
	 .definition_zh = "T 秒内接通的会话数 ÷ 进线量，短时放弃（S 秒内）不计入进线量",
	 .formula = "answered within T ÷ (offered − short abandoned)", .source = SRC_COUNTS,
	 .unit = "%", .computed_by = "hl_metrics_sl", .shown = SHOWN_FLOOR,
	 .floor_key = "sl_pct", .scope = QF, .value = v_sl},
	{.name = "sl_30m", .name_en = "Service level, last 30 min", .name_zh = "近 30 分钟服务水平",
	 .metric = -1,
	 .definition = "service level over the contacts that arrived in the current minute and in "
		       "the 30 whole minutes before it",
	 .definition_zh = "当前这一分钟及之前整 30 分钟内到达的会话的服务水平",
	 .formula = "answered within T ÷ (offered − short abandoned), over the window's minute "
		    "counters", .source = "today's stored contacts, counted per minute of arrival "
	 "as their rows change (server/figcount.c); not stored", .unit = "%",
	 .computed_by = "hl_metrics_sl (over the window's minute counters)",
	 .shown = "hotline-ctl floor (LAST 30 MIN; last30.sl_pct in --json)", .scope = QF},
	{.name = "asa", .name_en = "Average speed of answer", .name_zh = "平均应答速度",
	 .metric = HL_METRIC_ASA,
	 .definition_zh = "接通会话的排队时长之和 ÷ 接通量（排队时长从进入队列起，到坐席接起止）",
	 .formula = "total wait of answered ÷ answered", .source = SRC_COUNTS, .unit = "s",
	 .computed_by = "hl_metrics_asa_s", .shown = SHOWN_FLOOR, .floor_key = "asa_s",
	 .scope = QF, .value = v_asa},
	{.name = "aht", .name_en = "Average handle time", .name_zh = "平均处理时长",
	 .metric = HL_METRIC_AHT,
	 .definition_zh = "（会话时长 + 话后处理时长）÷ 处理量",
	 .formula = "(conversation time + wrap-up time) ÷ handled", .source = SRC_COUNTS,
	 .unit = "s", .computed_by = "hl_metrics_aht_s",
	 .shown = SHOWN_FLOOR "; the agent desk's own figures (per agent)",
	 .floor_key = "aht_s", .agent_keys = "aht_s", .scope = QFA, .value = v_aht},
	{.name = "abandon", .name_en = "Abandon rate", .name_zh = "放弃率",
	 .metric = HL_METRIC_ABANDON_RATE,
	 .definition_zh = "放弃量 ÷ 进线量，分子分母都不计短时放弃（S 秒内）",
	 .formula = "(abandoned − short abandoned) ÷ (offered − short abandoned)",
	 .source = SRC_COUNTS, .unit = "%", .computed_by = "hl_metrics_abandon_rate",
	 .shown = "hotline-ctl floor", .floor_key = "abandon_pct", .scope = QF,
	 .value = v_abandon},
	{.name = "csat", .name_en = "Customer satisfaction", .name_zh = "满意度",
	 .metric = HL_METRIC_CSAT,
	 .definition_zh = "4～5 分的评价数 ÷ 全部评价数（1～5 分制）",
	 .formula = "satisfied ÷ CSAT ratings", .source = SRC_RATINGS, .unit = "%",
	 .computed_by = "hl_metrics_csat",
	 .shown = "hotline-ctl floor --wide, floor agents; the agent desk's own figures (per agent)",
	 .floor_key = "csat_pct", .agent_keys = "csat_pct", .scope = QFA, .value = v_csat},
	{.name = "nps", .name_en = "Net promoter score", .name_zh = "净推荐值",
	 .metric = HL_METRIC_NPS,
	 .definition_zh = "9～10 分的回答占比 − 0～6 分的回答占比（0～10 分制）",
	 .formula = "100 × (promoters − detractors) ÷ NPS answers", .source = SRC_RATINGS,
	 .unit = "points", .computed_by = "hl_metrics_nps",
	 .shown = "not shown yet (counted on the floor)", .scope = QFA, .value = v_nps},
	{.name = "occupancy", .name_en = "Occupancy", .name_zh = "占用率",
	 .metric = HL_METRIC_OCCUPANCY,
	 .definition_zh = "处理时长（会话 + 话后处理）÷（处理时长 + 空闲可接待时长）",
	 .formula = "busy time ÷ (busy time + idle time)", .source = SRC_AGENT_TIME, .unit = "%",
	 .computed_by = "hl_metrics_occupancy", .shown = "hotline-ctl floor --json (overall)",
	 .floor_key = "occupancy_pct", .scope = QFA},
	{.name = "utilization", .name_en = "Utilization", .name_zh = "利用率",
	 .metric = HL_METRIC_UTILIZATION,
	 .definition_zh = "处理时长（会话 + 话后处理）÷ 登录时长（会议、培训是否计入按配置）",
	 .formula = "busy time ÷ logged-in time, or ÷ (logged-in time − meeting time)",
	 .source = SRC_AGENT_TIME, .unit = "%", .computed_by = "hl_metrics_utilization",
	 .shown = "not shown yet", .scope = QFA},
	{.name = "fcr", .name_en = "First-contact resolution", .name_zh = "首次解决率",
	 .metric = HL_METRIC_FCR,
	 .definition_zh = "已解决且同一客户 W 小时内未再次联系的会话数 ÷ 已解决会话数",
	 .formula = "resolved at first contact ÷ resolved",
	 .source = "contacts marked resolved; nothing marks a contact resolved yet", .unit = "%",
	 .computed_by = "hl_metrics_fcr, hl_metrics_fcr_repeat", .shown = "not shown yet",
	 .scope = QFA},
	/* Agents by state, live, per queue and for the floor. */
	{.name = "agents_available", .name_en = "Agents available", .name_zh = "空闲坐席数",
	 .metric = -1,
	 .definition = "agents Available now who can take a contact now: a free slot (in a queue: "
		       "agents with a skill in it; the floor counts each agent once)",
	 .definition_zh = "当前示闲且有空余接待位、可立即接起会话的坐席数（队列内：具备该队列技能的坐席；"
			  "全场：每位坐席只计一次）",
	 .formula = "count of agents Available with a free slot", .source = SRC_LIVE,
	 .unit = "agents", .computed_by = "the routing engine's agent states (server/floor.c, "
	 "hl_router_agent_states)", .shown = "hotline-ctl floor --wide",
	 .floor_key = "agents_available", .scope = QF},
	{.name = "agents_busy", .name_en = "Agents busy", .name_zh = "忙碌坐席数", .metric = -1,
	 .definition = "agents Available now who cannot take another contact: in a queue, every "
		       "slot in use; for the floor, a conversation or an offer open",
	 .definition_zh = "当前示闲但不能再接起会话的坐席数：队列内为接待位已满；全场为有会话或待接邀请",
	 .formula = "count of agents Available with no free slot (queue) or with a conversation "
		    "or offer open (floor)", .source = SRC_LIVE, .unit = "agents",
	 .computed_by = "the routing engine's agent states (server/floor.c, "
	 "hl_router_agent_states)", .shown = "hotline-ctl floor --wide",
	 .floor_key = "agents_busy", .scope = QF},
	{.name = "agents_not_ready", .name_en = "Agents not ready", .name_zh = "未就绪坐席数",
	 .metric = -1,
	 .definition = "agents Not Ready now, whatever the reason",
	 .definition_zh = "当前处于未就绪（小休）状态的坐席数，不论原因",
	 .formula = "count of agents Not Ready", .source = SRC_LIVE, .unit = "agents",
	 .computed_by = "the routing engine's agent states (server/floor.c, "
	 "hl_router_agent_states)", .shown = "hotline-ctl floor --wide",
	 .floor_key = "agents_not_ready", .scope = QF},
	{.name = "agents_wrap_up", .name_en = "Agents in wrap-up", .name_zh = "话后处理坐席数",
	 .metric = -1,
	 .definition = "agents in wrap-up now",
	 .definition_zh = "当前处于话后处理状态的坐席数",
	 .formula = "count of agents in wrap-up", .source = SRC_LIVE, .unit = "agents",
	 .computed_by = "the routing engine's agent states (server/floor.c, "
	 "hl_router_agent_states)", .shown = "hotline-ctl floor --wide",
	 .floor_key = "agents_wrap_up", .scope = QF},
	{.name = "agents_offline", .name_en = "Agents offline", .name_zh = "离线坐席数",
	 .metric = -1,
	 .definition = "agents set up to take contacts who are logged out now",
	 .definition_zh = "已配置可接待但当前未登录的坐席数",
	 .formula = "count of agents Offline", .source = SRC_LIVE, .unit = "agents",
	 .computed_by = "the routing engine's agent states (server/floor.c, "
	 "hl_router_agent_states)", .shown = "hotline-ctl floor --wide",
	 .floor_key = "agents_offline", .scope = QF},
	/* Per agent, live. */
	{.name = "agent_state", .name_en = "Agent state", .name_zh = "坐席状态", .metric = -1,
	 .definition = "the agent's state now: Available, Not Ready (with its reason), wrap-up or "
		       "Offline",
	 .definition_zh = "坐席当前状态：示闲、未就绪（含原因）、话后处理或离线",
	 .formula = "the state now", .source = SRC_LIVE, .unit = "",
	 .computed_by = "the routing engine's agent state (hl_route_agent_info_get)",
	 .shown = "the agent desk's status line; hotline-ctl agent list, floor agents",
	 .agent_keys = "state reason", .scope = HL_METRICDICT_AGENT},
	{.name = "state_time", .name_en = "Time in state", .name_zh = "状态时长", .metric = -1,
	 .definition = "time since the agent entered the state they are in now",
	 .definition_zh = "坐席进入当前状态至今的时长",
	 .formula = "now − entered the state", .source = SRC_LIVE, .unit = "s",
	 .computed_by = "the routing engine's agent state (since_ms of hotline-ctl agent list)",
	 .shown = "hotline-ctl agent list (since), floor agents (in_state_ms)",
	 .agent_keys = "since_ms in_state_ms", .scope = HL_METRICDICT_AGENT},
	{.name = "chats", .name_en = "Chats / capacity", .name_zh = "会话数/接待上限",
	 .metric = -1,
	 .definition = "conversations the agent has open now, out of the most they take at once",
	 .definition_zh = "坐席当前进行中的会话数，及其同时接待上限",
	 .formula = "open conversations / capacity", .source = SRC_LIVE, .unit = "contacts",
	 .computed_by = "the routing engine's agent state (active, capacity of hotline-ctl agent "
	 "list)", .shown = "hotline-ctl agent list, floor agents (active, capacity)",
	 .agent_keys = "active capacity", .scope = HL_METRICDICT_AGENT},
	{.name = "agent_offers", .name_en = "Offers pending", .name_zh = "待接邀请数", .metric = -1,
	 .definition = "contacts offered to the agent now that they have not accepted or declined "
		       "yet",
	 .definition_zh = "当前已分配给坐席、坐席尚未接起或拒绝的会话数",
	 .formula = "count of offers pending", .source = SRC_LIVE, .unit = "contacts",
	 .computed_by = "the routing engine's agent state (hl_route_agent_info_get)",
	 .shown = "hotline-ctl floor agents (offers)", .agent_keys = "offers",
	 .scope = HL_METRICDICT_AGENT},
	{.name = "agent_wrapping", .name_en = "Wrap-ups open", .name_zh = "话后处理中会话数",
	 .metric = -1,
	 .definition = "the agent's ended conversations whose wrap-up is not done yet",
	 .definition_zh = "坐席已结束但话后处理尚未完成的会话数",
	 .formula = "count of wrap-ups open", .source = SRC_LIVE, .unit = "contacts",
	 .computed_by = "the routing engine's agent state (hl_route_agent_info_get)",
	 .shown = "hotline-ctl floor agents (wrapping)", .agent_keys = "wrapping",
	 .scope = HL_METRICDICT_AGENT},
};

#define N_ENTRIES (sizeof entries / sizeof entries[0])

const hl_metricdict_entry *hl_metricdict_all(size_t *n)
{
	*n = N_ENTRIES;
	return entries;
}

bool hl_metricdict_name_ok(const char *name)
{
	size_t i = 0;

	if (!name)
		return false;
	for (; name[i]; i++)
		if (i >= 32 || !((name[i] >= 'a' && name[i] <= 'z') ||
				 (name[i] >= '0' && name[i] <= '9') || name[i] == '_'))
			return false;
	return i > 0;
}

const hl_metricdict_entry *hl_metricdict_find(const char *name)
{
	if (!hl_metricdict_name_ok(name))
		return NULL;
	for (size_t i = 0; i < N_ENTRIES; i++)
		if (strcmp(entries[i].name, name) == 0)
			return &entries[i];
	for (size_t i = 0; i < N_ENTRIES; i++)
		if (entries[i].floor_key && strcmp(entries[i].floor_key, name) == 0)
			return &entries[i];
	return NULL;
}

/* True when `key` is one of the space-separated words of `list`. */
static bool has_word(const char *list, const char *key)
{
	size_t n = strlen(key);

	for (const char *p = list; p && *p;) {
		size_t w = strcspn(p, " ");
		if (w == n && strncmp(p, key, n) == 0)
			return true;
		p += w;
		p += strspn(p, " ");
	}
	return false;
}

const hl_metricdict_entry *hl_metricdict_find_agent_key(const char *key)
{
	if (!hl_metricdict_name_ok(key))
		return NULL;
	for (size_t i = 0; i < N_ENTRIES; i++)
		if (has_word(entries[i].agent_keys, key))
			return &entries[i];
	return NULL;
}

const char *hl_metricdict_definition(const hl_metricdict_entry *e)
{
	if (e->metric >= 0)
		return hl_metrics_definition((hl_metric)e->metric);
	return e->definition ? e->definition : "";
}

/* Utilization's variants have no names in metrics.c; these are the names
 * docs/metrics.md §3 gives them. */
static const struct {
	const char *name, *definition;
} util_variants[HL_METRICS_UTIL_VARIANT_COUNT] = {
	[HL_METRICS_UTIL_ALL] = {"all", "busy time ÷ logged-in time"},
	[HL_METRICS_UTIL_NO_MEETINGS] = {"no_meetings",
		"busy time ÷ (logged-in time − time Not Ready for meetings, training and coaching)"},
};

static const hl_metrics_params *params_or_default(const hl_metrics_params *p,
						  hl_metrics_params *def)
{
	if (p)
		return p;
	hl_metrics_params_default(def);
	return def;
}

/* Service level in every form shares the service-level variant. */
static bool is_sl(const hl_metricdict_entry *e)
{
	return e->metric == HL_METRIC_SL || strcmp(e->name, "sl_30m") == 0;
}

const char *hl_metricdict_variant(const hl_metricdict_entry *e, const hl_metrics_params *p)
{
	hl_metrics_params def;

	p = params_or_default(p, &def);
	if (is_sl(e))
		return hl_metrics_sl_variant_name(p->sl_variant);
	if (e->metric == HL_METRIC_UTILIZATION && (int)p->util_variant >= 0 &&
	    p->util_variant < HL_METRICS_UTIL_VARIANT_COUNT)
		return util_variants[p->util_variant].name;
	return "";
}

const char *hl_metricdict_variant_definition(const hl_metricdict_entry *e,
					     const hl_metrics_params *p)
{
	hl_metrics_params def;

	p = params_or_default(p, &def);
	if (is_sl(e))
		return hl_metrics_sl_variant_definition(p->sl_variant);
	if (e->metric == HL_METRIC_UTILIZATION && (int)p->util_variant >= 0 &&
	    p->util_variant < HL_METRICS_UTIL_VARIANT_COUNT)
		return util_variants[p->util_variant].definition;
	return "";
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The p-th percentile of m sorted values, interpolating between ranks. */
static double percentile(const double *v, size_t m, int pct)
{
	double h = (double)(m - 1) * pct / 100.0;
	size_t i = (size_t)h;
	double f = h - (double)i;

	if (i + 1 >= m)
		return v[m - 1];
	return v[i] + f * (v[i + 1] - v[i]);
}

#define BAND_MAX 366

void hl_metricdict_band_of(const double *values, size_t n, hl_metricdict_band *out)
{
	double v[BAND_MAX];
	size_t m = 0;

	memset(out, 0, sizeof *out);
	out->kept = true;
	out->low = out->high = NAN;
	/* Undefined days are no sample: a day without contacts in the
	 * interval has no service level, and is not a service level of 0. */
	for (size_t i = 0; i < n && i < BAND_MAX; i++)
		if (!isnan(values[i]))
			v[m++] = values[i];
	out->samples = (unsigned)m;
	out->enough_history = m >= HL_METRICDICT_BAND_MIN_SAMPLES;
	if (!m)
		return;
	qsort(v, m, sizeof v[0], cmp_double);
	out->low = percentile(v, m, HL_METRICDICT_BAND_LOW_PCT);
	out->high = percentile(v, m, HL_METRICDICT_BAND_HIGH_PCT);
}

void hl_metricdict_band_days(const hl_metricdict_entry *e, const hl_metrics_counters *days,
			     const bool *had, size_t n, const hl_metrics_params *p,
			     hl_metricdict_band *out)
{
	double v[BAND_MAX];
	hl_metrics_params def;

	if (!e->value) {
		memset(out, 0, sizeof *out);
		out->low = out->high = NAN;
		return;
	}
	p = params_or_default(p, &def);
	if (n > BAND_MAX)
		n = BAND_MAX;
	for (size_t i = 0; i < n; i++)
		v[i] = had[i] ? e->value(&days[i], p) : NAN;
	hl_metricdict_band_of(v, n, out);
}

int hl_metricdict_parse_at(const char *s)
{
	int h, m;

	if (!s || strlen(s) != 5 || s[2] != ':')
		return -1;
	for (int i = 0; i < 5; i++)
		if (i != 2 && (s[i] < '0' || s[i] > '9'))
			return -1;
	h = (s[0] - '0') * 10 + (s[1] - '0');
	m = (s[3] - '0') * 10 + (s[4] - '0');
	if (h > 23 || m > 59)
		return -1;
	return h * 60 + m - m % 15;
}

static const char *const labels[HL_MDL_COUNT] = {
	[HL_MDL_NAME] = N_("name"),
	[HL_MDL_NAME_ZH] = N_("Chinese name"),
	[HL_MDL_UNIT] = N_("unit"),
	[HL_MDL_BAND] = N_("normal band"),
	[HL_MDL_DEFINITION] = N_("definition"),
	[HL_MDL_FORMULA] = N_("formula"),
	[HL_MDL_SOURCE] = N_("source"),
	[HL_MDL_VARIANT] = N_("variant in force"),
	[HL_MDL_COMPUTED_BY] = N_("computed by"),
	[HL_MDL_SHOWN] = N_("shown"),
	[HL_MDL_FLOOR_KEY] = N_("floor field"),
	[HL_MDL_SCOPE] = N_("applies to"),
	[HL_MDL_NO_BAND] = N_("not kept per interval"),
	[HL_MDL_NO_HISTORY] = N_("no history"),
	/* TRANSLATORS: days with a value, then the days needed. */
	[HL_MDL_TOO_LITTLE] = N_("too little history (%u of %u days)"),
	/* TRANSLATORS: low, high, then the days with a value. */
	[HL_MDL_BAND_OF] = N_("%s to %s (%u days)"),
	/* TRANSLATORS: the language code of this catalogue ("zh" for Chinese):
	 * a reader with "zh" reads the metric dictionary's Chinese texts. */
	[HL_MDL_LANG] = N_("dictionary-language:en"),
	[HL_MDL_PER_QUEUE] = N_("per queue"),
	[HL_MDL_WHOLE_FLOOR] = N_("whole floor"),
	[HL_MDL_PER_AGENT] = N_("per agent"),
	/* TRANSLATORS: the time of day (HH:MM), whose figures (the whole floor
	 * or a queue), the days looked back over. */
	[HL_MDL_BANDS_AT] = N_("Normal bands of the interval at %s, %s, over the previous %u days"),
	/* TRANSLATORS: a queue's id. */
	[HL_MDL_QUEUE_NAMED] = N_("queue %s"),
	[HL_MDL_AGENT_KEYS] = N_("agent grid fields"),
};

const char *hl_metricdict_label(hl_metricdict_lbl l)
{
	if ((int)l < 0 || l >= HL_MDL_COUNT)
		return "";
	return labels[l];
}
