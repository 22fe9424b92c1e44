/* The phrase bank of hotline-sim: lines a floor would really read, so the
 * demo looks like a day's work and the load is real UTF-8, mostly Chinese. */
#include "sim_phrase.h"

#include <stddef.h>
#include <string.h>

typedef struct topic {
	const char *const *keys;   /* substrings of an item id or label */
	const char *const *zh, *const *en;
	size_t nzh, nen;
} topic;

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *const enquiry_keys[] = {"enquiry", "sales", "咨询", NULL};
static const char *const enquiry_zh[] = {
	"你好，我想了解一下你们的宽带套餐，300M的每个月多少钱？",
	"请问现在办理会员有什么优惠活动吗？",
	"我想咨询一下企业版和个人版有什么区别",
	"你们的产品支持开增值税专用发票吗？",
	"请问外地的用户也可以办理吗？需要带什么材料？",
};
static const char *const enquiry_en[] = {
	"Hi, how much is the 300M broadband plan per month?",
	"Are there any offers if I sign up this week?",
	"What is the difference between the business and the personal plan?",
};

static const char *const lookup_keys[] = {"lookup", "query", "查询", NULL};
static const char *const lookup_zh[] = {
	"帮我查一下订单 20261204-0457 到哪里了，三天了还没发货",
	"我想查一下上个月的话费账单，怎么比平时多了50块？",
	"请问我的退款到账了吗？申请快一周了",
	"查询一下我的积分还有多少，什么时候过期？",
	"我的快递显示已签收，但是我没收到",
};
static const char *const lookup_en[] = {
	"Can you check where order 20261204-0457 is? It has not shipped in three days.",
	"Why is last month's bill 50 yuan higher than usual?",
	"Has my refund gone through? I asked for it a week ago.",
};

static const char *const service_keys[] = {"service", "办理", NULL};
static const char *const service_zh[] = {
	"我要办理手机号过户，需要本人到营业厅吗？",
	"帮我把套餐改成每月59元的那个，下个月生效",
	"我想修改一下收货地址，改成上海市浦东新区张江路88号",
	"麻烦帮我开通国际漫游，下周去日本出差",
	"我要注销账户，怎么操作？",
};
static const char *const service_en[] = {
	"I would like to change my plan to the 59 yuan one from next month.",
	"Please update my delivery address.",
	"Can you turn on international roaming for me? I travel next week.",
};

static const char *const after_keys[] = {"after", "售后", "support", NULL};
static const char *const after_zh[] = {
	"买的空气净化器用了两周就不出风了，能换货吗？",
	"收到的商品有破损，外包装都压坏了，怎么处理？",
	"安装师傅约好今天上午来，到现在还没来",
	"保修期内维修要收费吗？",
	"屏幕有一条竖线，刚买一个月",
};
static const char *const after_en[] = {
	"My air purifier stopped working after two weeks. Can I exchange it?",
	"The parcel arrived damaged. What should I do?",
	"The technician was due this morning and has not come.",
};

static const char *const complaint_keys[] = {"complaint", "投诉", "suggest", NULL};
static const char *const complaint_zh[] = {
	"我要投诉，同一个问题打了三次电话都没解决",
	"你们的快递员态度太差了，把包裹直接扔在门口",
	"建议你们的APP增加按日期筛选订单的功能",
	"上次答应我48小时内回电，到现在也没人联系我",
	"扣费没有提前通知，我要求退回并给个说法",
};
static const char *const complaint_en[] = {
	"I want to complain: I called three times about the same problem.",
	"You promised a call back within 48 hours and nobody called.",
	"Suggestion: let me filter orders by date in the app.",
};

static const char *const general_zh[] = {
	"你好，在吗？我有个问题想问一下",
	"请问人工客服是这里吗？",
	"你好，我之前留过言，一直没有回复",
};
static const char *const general_en[] = {
	"Hello, is anyone there? I have a question.",
	"I left a message earlier and have not heard back.",
};

static const topic topics[] = {
	{enquiry_keys, enquiry_zh, enquiry_en, N(enquiry_zh), N(enquiry_en)},
	{lookup_keys, lookup_zh, lookup_en, N(lookup_zh), N(lookup_en)},
	{service_keys, service_zh, service_en, N(service_zh), N(service_en)},
	{after_keys, after_zh, after_en, N(after_zh), N(after_en)},
	{complaint_keys, complaint_zh, complaint_en, N(complaint_zh), N(complaint_en)},
};

static const char *const followup_zh[] = {
	"好的，我等一下", "手机号是13812345678", "就是这个订单", "那大概什么时候能处理好？",
	"明白了，谢谢", "还有一个问题", "可以的", "麻烦快一点，我比较着急",
	"我的邮箱是 zhang.wei@example.com", "嗯嗯", "已经试过了，还是不行",
};
static const char *const followup_en[] = {
	"OK, I will wait", "My number is 13812345678", "Yes, that order", "When will it be done?",
	"Got it, thanks", "One more question", "Sure", "It is a bit urgent",
};
static const char *const reply_zh[] = {
	"您好，我是您的专属客服，很高兴为您服务", "请您稍等，我帮您查询一下",
	"已经为您登记好了，预计24小时内处理完毕", "非常抱歉给您带来不便",
	"请问还有其他可以帮您的吗？", "麻烦提供一下您的订单号", "好的，已为您备注加急",
};
static const char *const reply_en[] = {
	"Hello, happy to help you today", "One moment please, let me check",
	"It is registered and will be handled within 24 hours", "I am sorry for the trouble",
	"Is there anything else I can do for you?", "Could you give me the order number?",
};

static const topic *topic_for(const char *item)
{
	for (size_t i = 0; item && i < N(topics); i++)
		for (const char *const *k = topics[i].keys; *k; k++)
			if (strstr(item, *k))
				return &topics[i];
	return NULL;
}

const char *hl_sim_phrase_question(uint64_t r, const char *item, int zh)
{
	const topic *t = topic_for(item);

	if (!t)
		return zh ? general_zh[r % N(general_zh)] : general_en[r % N(general_en)];
	return zh ? t->zh[r % t->nzh] : t->en[r % t->nen];
}

const char *hl_sim_phrase_followup(uint64_t r, int zh)
{
	return zh ? followup_zh[r % N(followup_zh)] : followup_en[r % N(followup_en)];
}

const char *hl_sim_phrase_reply(uint64_t r, int zh)
{
	return zh ? reply_zh[r % N(reply_zh)] : reply_en[r % N(reply_en)];
}
