/* Tests masking of contact details in the customer panel: e-mail
 * addresses, phone numbers in their usual spellings, what is left alone,
 * and cutting to the buffer on a character boundary. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "mask.h"

static void check(const char *in, const char *want)
{
	char out[256];

	hl_agent_mask_text(in, out, sizeof out);
	assert_string_equal(out, want);
}

static void test_phone(void **state)
{
	(void)state;
	check("13812345678", "138****5678");
	check("电话 13812345678，谢谢", "电话 138****5678，谢谢");
	/* 11 digits or more keep the first 3: a country code shows. */
	check("+86 138 1234 5678", "+86 1** **** 5678");
	check("(010) 6552-1234", "(010) ****-1234");
	check("0755-1234567", "075*-***4567");
	check("6552 1234", "**** 1234");
	check("q=物流 13812345678", "q=物流 138****5678");
}

static void test_mail(void **state)
{
	(void)state;
	check("wang.wei@example.com", "w***@example.com");
	check("写信到 li@qq.com 吧", "写信到 l*@qq.com 吧");
	check("13812345678@qq.com", "1***@qq.com");
	check("a@b", "a@b");  /* no domain with a dot: not an address */
}

static void test_left_alone(void **state)
{
	char out[64];

	(void)state;
	check("订单 12345 的物流", "订单 12345 的物流");
	check("2024-05-06 到货", "2024-05-06 到货");
	check("https://shop.example/orders", "https://shop.example/orders");
	check("", "");
	assert_int_equal(hl_agent_mask_text("你好", out, sizeof out), 0);
	assert_int_equal(hl_agent_mask_text("13812345678", out, sizeof out), 4);
}

static void test_cut(void **state)
{
	char out[8];

	(void)state;
	/* 7 bytes fit: two Chinese characters (6 bytes), not half a third. */
	hl_agent_mask_text("你好世界", out, sizeof out);
	assert_string_equal(out, "你好");
	hl_agent_mask_text("x", out, 1);
	assert_string_equal(out, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_phone),
		cmocka_unit_test(test_mail),
		cmocka_unit_test(test_left_alone),
		cmocka_unit_test(test_cut),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
