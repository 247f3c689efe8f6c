/* test_vocab.c: unit tests of lib/vocab.c */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "vocab.h"

/* Checks that v is called name and lists exactly want, in that order. */
static void check_vocab(const struct vk_vocab *v, const char *name,
			const char *want)
{
	struct strbuf list = STRBUF_INIT;

	assert_string_equal(v->name, name);
	vk_vocab_list(v, &list);
	assert_string_equal(list.buf, want);
	for (size_t i = 0; i < v->count; i++) {
		assert_int_equal(vk_vocab_index(v, v->values[i]), (int)i);
		assert_ptr_equal(vk_vocab_lookup(v, v->values[i], NULL),
				 v->values[i]);
	}
	strbuf_release(&list);
}

static void test_tables(void **state)
{
	(void)state;
	check_vocab(&vk_vocab_group, "group",
		    "politician, management, manager, employee, citizen, "
		    "association, business, education, partner, consultant, "
		    "other");
	check_vocab(&vk_vocab_role, "role",
		    "owner, steering, working, lead, secretary, participant");
	check_vocab(&vk_vocab_level, "level", "low, medium, high");
	check_vocab(&vk_vocab_engagement_kind, "engagement kind",
		    "interview, workshop, meeting, seminar, survey, dialogue, "
		    "visit, event, other");
	check_vocab(&vk_vocab_trial_status, "trial status",
		    "idea, proposed, approved, running, done, evaluated, "
		    "rejected, stopped");
	check_vocab(&vk_vocab_outcome, "outcome", "adopt, adapt, drop");
	check_vocab(&vk_vocab_milestone_kind, "milestone kind",
		    "gathering, workshop, seminar, decision, deliverable, "
		    "round, report, other");
	check_vocab(&vk_vocab_milestone_status, "milestone status",
		    "planned, done, cancelled");
	assert_int_equal(vk_vocab_group.count, 11);
	assert_int_equal(vk_vocab_role.count, 6);
	assert_int_equal(vk_vocab_level.count, 3);
	assert_int_equal(vk_vocab_engagement_kind.count, 9);
	assert_int_equal(vk_vocab_trial_status.count, 8);
	assert_int_equal(vk_vocab_outcome.count, 3);
	assert_int_equal(vk_vocab_milestone_kind.count, 8);
	assert_int_equal(vk_vocab_milestone_status.count, 3);
}

static void test_lookup_case(void **state)
{
	struct strbuf err = STRBUF_INIT;
	const char *got;

	(void)state;
	got = vk_vocab_lookup(&vk_vocab_group, "Citizen", &err);
	assert_ptr_equal(got, vk_vocab_group.values[4]);
	assert_string_equal(got, "citizen");
	assert_string_equal(vk_vocab_lookup(&vk_vocab_group, "POLITICIAN", &err),
			    "politician");
	assert_string_equal(vk_vocab_lookup(&vk_vocab_level, "hIgH", &err),
			    "high");
	assert_string_equal(vk_vocab_lookup(&vk_vocab_trial_status, "Running",
					    &err), "running");
	assert_string_equal(vk_vocab_lookup(&vk_vocab_milestone_status,
					    "CANCELLED", &err), "cancelled");
	assert_string_equal(vk_vocab_lookup(&vk_vocab_outcome, "Adapt", &err),
			    "adapt");
	/* nothing is written on success */
	assert_int_equal(err.len, 0);
	strbuf_release(&err);
}

static void test_lookup_refuses(void **state)
{
	static const char *const bad[] = {
		"", " citizen", "citizen ", "citizens", "citize", "borger",
		"citizen\n", "c", "low,high", "ci\xcc\x87tizen",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (vk_vocab_lookup(&vk_vocab_group, bad[i], NULL))
			fail_msg("\"%s\" is taken", bad[i]);
	/* ASCII case only: a Turkish dotted capital I is not an i */
	assert_null(vk_vocab_lookup(&vk_vocab_role, "\xc4\xb0" "dea", NULL));
	assert_null(vk_vocab_lookup(&vk_vocab_trial_status, "\xc4\xb0" "dea",
				    NULL));
	/* a value of another vocabulary */
	assert_null(vk_vocab_lookup(&vk_vocab_milestone_kind, "meeting", NULL));
	assert_null(vk_vocab_lookup(&vk_vocab_trial_status, "planned", NULL));
}

#define check_error(v, value, want) do {				\
	struct strbuf err_ = STRBUF_INIT;				\
									\
	assert_null(vk_vocab_lookup(v, value, &err_));			\
	assert_string_equal(err_.buf, want);				\
	strbuf_release(&err_);						\
} while (0)

static void test_lookup_message(void **state)
{
	struct strbuf err = STRBUF_INIT;

	(void)state;
	check_error(&vk_vocab_group, "borger",
		    "\"borger\" is not a group; use one of: politician, "
		    "management, manager, employee, citizen, association, "
		    "business, education, partner, consultant, other");
	check_error(&vk_vocab_role, "chair",
		    "\"chair\" is not a role; use one of: owner, steering, "
		    "working, lead, secretary, participant");
	check_error(&vk_vocab_level, "very high",
		    "\"very high\" is not a level; use one of: low, medium, "
		    "high");
	check_error(&vk_vocab_engagement_kind, "call",
		    "\"call\" is not an engagement kind; use one of: "
		    "interview, workshop, meeting, seminar, survey, dialogue, "
		    "visit, event, other");
	check_error(&vk_vocab_trial_status, "finished",
		    "\"finished\" is not a trial status; use one of: idea, "
		    "proposed, approved, running, done, evaluated, rejected, "
		    "stopped");
	check_error(&vk_vocab_outcome, "keep",
		    "\"keep\" is not an outcome; use one of: adopt, adapt, "
		    "drop");
	check_error(&vk_vocab_milestone_kind, "party",
		    "\"party\" is not a milestone kind; use one of: gathering, "
		    "workshop, seminar, decision, deliverable, round, report, "
		    "other");
	check_error(&vk_vocab_milestone_status, "late",
		    "\"late\" is not a milestone status; use one of: planned, "
		    "done, cancelled");
	check_error(&vk_vocab_level, "",
		    "\"\" is not a level; use one of: low, medium, high");
	/* the value is quoted with its control characters escaped */
	check_error(&vk_vocab_level, "lo\"w\n\x01",
		    "\"lo\\\"w\\n\\x01\" is not a level; use one of: low, "
		    "medium, high");

	/* the message is appended */
	strbuf_addstr(&err, "row 2: ");
	assert_null(vk_vocab_lookup(&vk_vocab_outcome, "x", &err));
	assert_string_equal(err.buf, "row 2: \"x\" is not an outcome; use one "
			    "of: adopt, adapt, drop");
	strbuf_release(&err);
}

static void test_index(void **state)
{
	(void)state;
	assert_int_equal(vk_vocab_index(&vk_vocab_group, "politician"), 0);
	assert_int_equal(vk_vocab_index(&vk_vocab_group, "other"), 10);
	assert_int_equal(vk_vocab_index(&vk_vocab_trial_status, "idea"), 0);
	assert_int_equal(vk_vocab_index(&vk_vocab_trial_status, "stopped"), 7);
	assert_int_equal(vk_vocab_index(&vk_vocab_level, "medium"), 1);
	/* canonical values only */
	assert_int_equal(vk_vocab_index(&vk_vocab_level, "Medium"), -1);
	assert_int_equal(vk_vocab_index(&vk_vocab_level, "mid"), -1);
	assert_int_equal(vk_vocab_index(&vk_vocab_level, ""), -1);
}

static void test_list_appends(void **state)
{
	struct strbuf out = STRBUF_INIT;

	(void)state;
	strbuf_addstr(&out, "levels: ");
	vk_vocab_list(&vk_vocab_level, &out);
	assert_string_equal(out.buf, "levels: low, medium, high");
	strbuf_release(&out);
}

static void test_internal_groups(void **state)
{
	static const char *const internal[] = {
		"politician", "management", "manager", "employee", "Politician",
		"EMPLOYEE",
	};
	static const char *const external[] = {
		"citizen", "association", "business", "education", "partner",
		"consultant", "other", "", "staff", "employees",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(internal) / sizeof(internal[0]); i++)
		if (!vk_group_is_internal(internal[i]))
			fail_msg("\"%s\" is not internal", internal[i]);
	for (size_t i = 0; i < sizeof(external) / sizeof(external[0]); i++)
		if (vk_group_is_internal(external[i]))
			fail_msg("\"%s\" is internal", external[i]);
	assert_false(vk_group_is_internal(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tables),
		cmocka_unit_test(test_lookup_case),
		cmocka_unit_test(test_lookup_refuses),
		cmocka_unit_test(test_lookup_message),
		cmocka_unit_test(test_index),
		cmocka_unit_test(test_list_appends),
		cmocka_unit_test(test_internal_groups),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
