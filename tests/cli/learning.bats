#!/usr/bin/env bats
# vk-trial learn, learnings and learning VERB: what was learned from the
# trials, as dated text with an optional author.

load helpers

# add_trials: three trials of the first round over add_people.
#  1 En borger tilbringer en dag i børnehaven  (owner 4)
#  2 Ungdomsråd i Tasiilaq                     (owner 2)
#  3 Åben skole-dag i Paamiut                  (owner 4)
add_trials() {
	add_people
	printf '%s\n' 'title,status,owner,department,round' \
		'En borger tilbringer en dag i børnehaven,running,4,Børn og Familie,1' \
		'Ungdomsråd i Tasiilaq,running,2,Kultur og Fritid,1' \
		'Åben skole-dag i Paamiut,done,4,Uddannelse,1' |
		vk-trial import - >/dev/null
}

# add_learnings: the learnings of add_trials.
#  id trial date       author
#  1  1     2020-04-30 4
#  2  1     2020-05-04 3
#  3  2     2020-05-22 6      (two lines)
#  4  3     2020-05-15 -
#  5  1     2020-06-26 4      (today)
add_learnings() {
	add_trials
	vk-trial learn 1 "Borgeren så ting, vi ikke selv ser længere: forældrene bliver stående i døren." \
		--author 4 --date 2020-04-30 >/dev/null
	vk-trial learn 1 'Børnene spurgte mere om fangst end om noget andet; de vil have en "fortællestund".' \
		--author 3 --date 2020-05-04 >/dev/null
	vk-trial learn 2 $'Ungdomsrådet vil ikke høres på rådhuset klokken 16.\nVi mødes om aftenen, og der er mad.' \
		--author 6 --date 2020-05-22 >/dev/null
	vk-trial learn 3 "Fiskefabrikken, erhvervsskolen og pensionisterne underviste sammen med lærerne." \
		--date 2020-05-15 >/dev/null
	vk-trial learn 1 "Idéen, vi forpligtede os til: ældre kommer fast én formiddag om ugen." \
		--author 4 >/dev/null
}

# ---- learn ----

@test "learn ID TEXT prints the new learning's id; its date is today and it has no author" {
	add_trials
	run --separate-stderr vk-trial learn 2 "Unge kommer om aftenen, ikke klokken 16."
	[ "$status" -eq 0 ]
	[ "$output" = 1 ]
	[ "$stderr" = "" ]
	run vk-trial learning show 1 -o jsonl
	[ "$output" = '{"type":"learning","id":1,"trial":2,"date":"2020-06-26","author":null,"text":"Unge kommer om aftenen, ikke klokken 16."}' ] ||
		fail_with "record"
	id=$(vk-trial learn 3 "Forældrene ville gerne undervise igen.")
	[ "$id" = 2 ]
}

@test "learn --author ID --date D; a week is read as its Monday, a month as its first day" {
	add_trials
	[ "$(vk-trial learn 1 'Forældrene står i døren; der er "ingen plads".' --author 4 --date 2020-04-30)" = 1 ]
	[ "$(vk-trial learn 1 "Børnene spurgte om fangst." --date 2020-W20 --author 3)" = 2 ]
	[ "$(vk-trial learn 2 "Mad hjælper." --date 2020-05)" = 3 ]
	[ "$(vk-trial learn 2 "I går." --date yesterday)" = 4 ]
	run vk-trial learnings -o jsonl
	[ "$output" = '{"type":"learning","id":1,"trial":1,"date":"2020-04-30","author":4,"text":"Forældrene står i døren; der er \"ingen plads\"."}
{"type":"learning","id":2,"trial":1,"date":"2020-05-11","author":3,"text":"Børnene spurgte om fangst."}
{"type":"learning","id":3,"trial":2,"date":"2020-05-01","author":null,"text":"Mad hjælper."}
{"type":"learning","id":4,"trial":2,"date":"2020-06-25","author":null,"text":"I går."}' ] || fail_with "records"
}

@test "learn on a missing trial exits 65 naming it, and writes nothing" {
	add_trials
	before=$(db_digest)
	run --separate-stderr vk-trial learn 9 "Vi lærte noget."
	[ "$status" -eq 65 ]
	[ "$output" = "" ]
	[ "$stderr" = "vk-trial: trial: there is no trial 9" ]
	[ "$(db_digest)" = "$before" ]
}

@test "learn with an author who is no stakeholder exits 65 naming them, and writes nothing" {
	add_trials
	before=$(db_digest)
	run --separate-stderr vk-trial learn 1 "Vi lærte noget." --author 9
	[ "$status" -eq 65 ]
	[ "$output" = "" ]
	[ "$stderr" = "vk-trial: author: there is no stakeholder 9" ]
	run --separate-stderr vk-trial learn 1 "Vi lærte noget." --date 2020-02-30
	[ "$status" -eq 65 ]
	[[ "$stderr" == 'vk-trial: date: "2020-02-30" is not a date: February 2020 has 29 days'* ]] || fail_with "date"
	[ "$(db_digest)" = "$before" ]
}

@test "learn without the ID or the TEXT, or with too many arguments, exits 2; an empty text 65" {
	add_trials
	before=$(db_digest)
	run --separate-stderr vk-trial learn 1
	[ "$status" -eq 2 ]
	[[ "$stderr" == "vk-trial: give the trial's ID and the TEXT"* ]] || fail_with "message"
	[[ "$stderr" == *"usage: vk-trial learn ID TEXT [options]"* ]]
	run --separate-stderr vk-trial learn 1 Forældrene står i døren
	[ "$status" -eq 2 ]
	[[ "$stderr" == "vk-trial: too many arguments (quote the TEXT)"* ]] || fail_with "too many"
	run --separate-stderr vk-trial learn børnehaven "Vi lærte noget."
	[ "$status" -eq 2 ]
	run --separate-stderr vk-trial learn 1 "Vi lærte noget." --trial 2
	[ "$status" -eq 2 ]
	run --separate-stderr vk-trial learn 1 ""
	[ "$status" -eq 65 ]
	[ "$stderr" = "vk-trial: text: is required" ]
	[ "$(db_digest)" = "$before" ]
}

@test "learning add TEXT --trial ID is learn's long form; --text gives the text; --trial is required" {
	add_trials
	run --separate-stderr vk-trial learning add "Unge kommer om aftenen." --trial 2 --author 6 --date 2020-05-22
	[ "$status" -eq 0 ]
	[ "$output" = 1 ]
	[ "$(vk-trial learning add --trial 3 --text "Forældre underviste.")" = 2 ]
	[ "$(vk-trial learnings -o csv | tr -d '\r')" = 'id,trial,date,author,text
1,2,2020-05-22,6,Unge kommer om aftenen.
2,3,2020-06-26,,Forældre underviste.' ] || fail_with "records"
	before=$(db_digest)
	run --separate-stderr vk-trial learning add "Uden prøvehandling."
	[ "$status" -eq 2 ]
	[[ "$stderr" == "vk-trial: --trial is required"* ]] || fail_with "message"
	run --separate-stderr vk-trial learning add "To tekster" --text "Tre"
	[ "$status" -eq 2 ]
	run --separate-stderr vk-trial learning add "Vi lærte noget." --trial 9
	[ "$status" -eq 65 ]
	[ "$stderr" = "vk-trial: trial: there is no trial 9" ]
	[ "$(db_digest)" = "$before" ]
}

# ---- learnings, learning list ----

@test "learnings lists every learning; learnings TRIAL those of one trial, as --trial does" {
	add_learnings
	[ "$(vk-trial learnings | ids)" = "1 2 3 4 5" ]
	[ "$(vk-trial learnings 1 | ids)" = "1 2 5" ]
	[ "$(vk-trial learnings --trial 1 | ids)" = "1 2 5" ]
	[ "$(vk-trial learning list 2 | ids)" = "3" ]
	[ "$(vk-trial learning list --trial 3 | ids)" = "4" ]
	[ "$(vk-trial learnings 9 | ids)" = "" ]
	run --separate-stderr vk-trial learnings 1 --trial 2
	[ "$status" -eq 2 ]
	[[ "$stderr" == "vk-trial: give the trial once: as argument or as --trial"* ]] || fail_with "message"
	run --separate-stderr vk-trial learnings børnehaven
	[ "$status" -eq 2 ]
}

@test "learnings --author, --date and --text filter; all filters must hold" {
	add_learnings
	[ "$(vk-trial learnings --author 4 | ids)" = "1 5" ]
	[ "$(vk-trial learnings --author 3 | ids)" = "2" ]
	[ "$(vk-trial learnings --author '' | ids)" = "4" ]
	[ "$(vk-trial learnings --date 2020-05-22 | ids)" = "3" ]
	[ "$(vk-trial learnings --date today | ids)" = "5" ]
	[ "$(vk-trial learnings --text fangst | ids)" = "2" ]
	[ "$(vk-trial learnings --text BORGEREN | ids)" = "1" ]
	[ "$(vk-trial learnings --text "om aftenen" | ids)" = "3" ]
	[ "$(vk-trial learnings --text Nuuk | ids)" = "" ]
	[ "$(vk-trial learnings 1 --author 4 | ids)" = "1 5" ]
	[ "$(vk-trial learnings --trial 1 --author 4 --since 2020-05 | ids)" = "5" ]
	before=$(db_digest)
	run --separate-stderr vk-trial learnings --author Naja
	[ "$status" -eq 65 ]
	[ "$(db_digest)" = "$before" ]
}

@test "learnings --since and --until: a week from its Monday to its Sunday, a month from first to last day" {
	add_learnings
	[ "$(vk-trial learnings --since 2020-05-04 | ids)" = "2 3 4 5" ]
	[ "$(vk-trial learnings --until 2020-05-04 | ids)" = "1 2" ]
	[ "$(vk-trial learnings --since 2020-W21 | ids)" = "3 5" ]
	[ "$(vk-trial learnings --until 2020-W20 | ids)" = "1 2 4" ]
	[ "$(vk-trial learnings --since 2020-W20 --until 2020-W20 | ids)" = "4" ]
	[ "$(vk-trial learnings --since 2020-05 --until 2020-05 | ids)" = "2 3 4" ]
	[ "$(vk-trial learnings --until 2020-04 | ids)" = "1" ]
	[ "$(vk-trial learnings --since -1w | ids)" = "5" ]
	[ "$(vk-trial learnings --since today --until today | ids)" = "5" ]
	run --separate-stderr vk-trial learnings --since 2020-13-01
	[ "$status" -eq 65 ] || fail_with "--since with a bad date"
	[[ "$stderr" == 'vk-trial: --since: "2020-13-01" is not a date: there is no month 13'* ]] || fail_with "message"
}

@test "learnings --sort and --limit" {
	add_learnings
	[ "$(vk-trial learnings --sort date | ids)" = "1 2 4 3 5" ]
	[ "$(vk-trial learnings --sort -date --limit 2 | ids)" = "5 3" ]
	# records without a value come last
	[ "$(vk-trial learnings --sort author | ids)" = "2 1 5 3 4" ]
	[ "$(vk-trial learnings --sort trial | ids)" = "1 2 5 3 4" ]
	[ "$(vk-trial learnings --limit 1 | ids)" = "1" ]
	run --separate-stderr vk-trial learnings --sort farve
	[ "$status" -eq 2 ]
}

@test "learnings as a table, CSV, TSV and JSON" {
	add_learnings
	run vk-trial learnings 1 -o table
	[ "$status" -eq 0 ]
	[ "$output" = 'id  trial  date        author  text
 1      1  2020-04-30       4  Borgeren så ting, vi ikke selv ser læng…
 2      1  2020-05-04       3  Børnene spurgte mere om fangst end om n…
 5      1  2020-06-26       4  Idéen, vi forpligtede os til: ældre kom…' ] || fail_with "table"
	vk-trial learnings 2 -o csv > out.csv
	printf '%s\r\n' 'id,trial,date,author,text' \
		$'3,2,2020-05-22,6,"Ungdomsrådet vil ikke høres på rådhuset klokken 16.\nVi mødes om aftenen, og der er mad."' > expected.csv
	diff expected.csv out.csv
	vk-trial learnings 1 --author 3 -o csv --excel > excel.csv
	{
		printf '\xef\xbb\xbf'
		printf '%s\r\n' 'id;trial;date;author;text' \
			'2;1;2020-05-04;3;"Børnene spurgte mere om fangst end om noget andet; de vil have en ""fortællestund""."'
	} > expected-excel.csv
	diff expected-excel.csv excel.csv
	[ "$(vk-trial learnings 3 -o tsv)" = "$(printf 'id\ttrial\tdate\tauthor\ttext\n4\t3\t2020-05-15\t\tFiskefabrikken, erhvervsskolen og pensionisterne underviste sammen med lærerne.')" ]
	run vk-trial learnings 3 -o json
	[ "$output" = '[
{"type":"learning","id":4,"trial":3,"date":"2020-05-15","author":null,"text":"Fiskefabrikken, erhvervsskolen og pensionisterne underviste sammen med lærerne."}
]' ] || fail_with "json"
}

# ---- learning show, set, rm ----

@test "learning show prints one learning as a table or one JSON object; a missing one exits 1" {
	add_learnings
	run vk-trial learning show 3 -o table
	[ "$status" -eq 0 ]
	[ "$output" = 'id:     3
trial:  2
date:   2020-05-22
author: 6
text:   Ungdomsrådet vil ikke høres på rådhuset klokken 16.
        Vi mødes om aftenen, og der er mad.' ] || fail_with "table"
	run vk-trial learning show 4 -o json
	[ "$output" = '{"type":"learning","id":4,"trial":3,"date":"2020-05-15","author":null,"text":"Fiskefabrikken, erhvervsskolen og pensionisterne underviste sammen med lærerne."}' ] ||
		fail_with "json"
	run --separate-stderr vk-trial learning show 99
	[ "$status" -eq 1 ]
	[ "$stderr" = "vk-trial: no learning 99" ]
}

@test "learning set changes the text, date, author and trial; --clear author" {
	add_learnings
	run --separate-stderr vk-trial learning set 4 --text 'Fiskefabrikken vil "gerne" komme igen.' --date 2020-W21 --author 5
	[ "$status" -eq 0 ]
	[ "$output" = "" ]
	[ "$(vk-trial learning show 4 -o jsonl)" = '{"type":"learning","id":4,"trial":3,"date":"2020-05-18","author":5,"text":"Fiskefabrikken vil \"gerne\" komme igen."}' ] ||
		fail_with "after set"
	vk-trial learning set 2 --trial 2 --clear author
	[ "$(vk-trial learning show 2 -o jsonl)" = '{"type":"learning","id":2,"trial":2,"date":"2020-05-04","author":null,"text":"Børnene spurgte mere om fangst end om noget andet; de vil have en \"fortællestund\"."}' ] ||
		fail_with "moved to trial 2"
	[ "$(vk-trial learnings 2 | ids)" = "2 3" ]
}

@test "learning set: a bad reference exits 65, trial, date and text cannot be emptied, a missing one exits 1; nothing is written" {
	add_learnings
	before=$(db_digest)
	run --separate-stderr vk-trial learning set 1 --trial 9
	[ "$status" -eq 65 ]
	[ "$stderr" = "vk-trial: trial: there is no trial 9" ]
	run --separate-stderr vk-trial learning set 1 --text "Ny tekst" --author 9
	[ "$status" -eq 65 ]
	[ "$stderr" = "vk-trial: author: there is no stakeholder 9" ]
	for field in trial date text; do
		run --separate-stderr vk-trial learning set 1 --clear "$field"
		[ "$status" -eq 2 ] || fail_with "--clear $field"
		[[ "$stderr" == "vk-trial: --clear: $field is required and cannot be emptied"* ]] || fail_with "--clear $field message"
	done
	run --separate-stderr vk-trial learning set 99 --text "Ny tekst"
	[ "$status" -eq 1 ]
	[ "$stderr" = "vk-trial: no learning 99" ]
	run --separate-stderr vk-trial learning set 1
	[ "$status" -eq 2 ]
	[ "$(db_digest)" = "$before" ]
}

@test "learning rm removes learnings, all or nothing; the trial stays" {
	add_learnings
	before=$(db_digest)
	run --separate-stderr vk-trial learning rm 2 99
	[ "$status" -eq 1 ]
	[[ "$stderr" == "vk-trial: no learning 99"* ]] || fail_with "message"
	[ "$(db_digest)" = "$before" ]
	run --separate-stderr vk-trial learning rm 2 5 --dry-run
	[ "$status" -eq 0 ]
	[ "$output" = "would remove learning 2
would remove learning 5" ] || fail_with "dry run"
	[ "$(db_digest)" = "$before" ]
	run --separate-stderr vk-trial learning rm 2 5
	[ "$status" -eq 0 ]
	[ "$output" = "" ]
	[ "$stderr" = "" ]
	[ "$(vk-trial learnings | ids)" = "1 3 4" ]
	[ "$(vk-trial list | ids)" = "1 2 3" ]
	[ "$(vk-trial learn 1 "En ny." --date 2020-06-01)" = 6 ]
}

@test "the learnings of a removed trial are gone with it; their history stays" {
	add_learnings
	run --separate-stderr vk-trial rm 1
	[ "$status" -eq 0 ]
	[ "$stderr" = "vk-trial: removed trial 1 and its 3 learnings" ] || fail_with "what went"
	run --separate-stderr vk-trial rm 3
	[ "$stderr" = "vk-trial: removed trial 3 and its 1 learning" ] || fail_with "one learning"
	[ "$(vk-trial learnings | ids)" = "3" ]
	[ "$(vk-trial learnings 1 | ids)" = "" ]
	[ "$(vk-trial learnings 3 | ids)" = "" ]
	run vk-trial learning show 2
	[ "$status" -eq 1 ]
	run vk-trial learning log 2 -o jsonl
	[ "$status" -eq 0 ]
	[ "$(count_lines "$output")" = 2 ]
	[[ "${lines[1]}" == *'"entity":"learning","entity_id":2,"action":"rm","before":{"trial":1,"date":"2020-05-04","author":3,'* ]] ||
		fail_with "rm event"
	# the author is free to go now
	run vk-stakeholder rm 3
	[ "$status" -eq 0 ]
}

@test "the author of a learning cannot be removed: exit 65 naming the learning" {
	add_learnings
	before=$(db_digest)
	run --separate-stderr vk-stakeholder rm 6
	[ "$status" -eq 65 ]
	[ "$output" = "" ]
	[[ "$stderr" == "vk-stakeholder: cannot remove stakeholder 6: referred to by learning 3 (author)"* ]] || fail_with "message"
	[ "$(db_digest)" = "$before" ]
	vk-trial learning rm 3
	run vk-stakeholder rm 6
	[ "$status" -eq 0 ]
}

@test "learning rm of an evaluated trial's last learning exits 65 saying why, and removes nothing" {
	add_learnings
	vk-trial move 3 evaluated --outcome adopt --reason "Spredes til skolerne i Nuuk" >/dev/null
	before=$(db_digest)
	run --separate-stderr vk-trial learning rm 4
	[ "$status" -eq 65 ]
	[ "$output" = "" ]
	[ "$stderr" = "vk-trial: cannot remove learning 4: it is the only learning of trial 3, which is evaluated: an evaluated trial keeps at least one learning (write another first, or correct this one with learning set)" ] ||
		fail_with "message"
	# with the others of a removal: all or nothing
	run --separate-stderr vk-trial learning rm 1 4
	[ "$status" -eq 65 ]
	[ "$(db_digest)" = "$before" ]
	# with a second learning, one of the two may go, not both
	[ "$(vk-trial learn 3 'Eleverne: "Paamiut om 20 år" skal hænge på rådhuset.')" = 6 ]
	before=$(db_digest)
	run --separate-stderr vk-trial learning rm 4 6
	[ "$status" -eq 65 ]
	[ "$stderr" = "vk-trial: cannot remove learning 6: it is the only learning of trial 3, which is evaluated: an evaluated trial keeps at least one learning (write another first, or correct this one with learning set)" ] ||
		fail_with "second"
	[ "$(db_digest)" = "$before" ]
	vk-trial learning rm 4
	[ "$(vk-trial learnings 3 | ids)" = "6" ]
	# the last learning of a trial that is not evaluated may go
	vk-trial learning rm 3
	[ "$(vk-trial learnings 2 | ids)" = "" ]
	# and the evaluated trial itself may go, with its learnings
	run vk-trial rm 3
	[ "$status" -eq 0 ]
	[ "$(vk-trial learnings | ids)" = "1 2 5" ]
}

@test "learning set --trial and learning import cannot take an evaluated trial's last learning away" {
	add_learnings
	vk-trial move 3 evaluated --outcome adapt >/dev/null
	before=$(db_digest)
	run --separate-stderr vk-trial learning set 4 --trial 1
	[ "$status" -eq 65 ]
	[ "$stderr" = "vk-trial: trial: learning 4 is the only learning of trial 3, which is evaluated: an evaluated trial keeps at least one learning (write another for it first)" ] ||
		fail_with "set"
	printf '%s\n' 'id,trial,text' '4,2,"Fiskefabrikken, erhvervsskolen og pensionisterne underviste."' > move.csv
	run --separate-stderr vk-trial learning import move.csv
	[ "$status" -eq 65 ]
	[ "$stderr" = "move.csv:2: trial: learning 4 is the only learning of trial 3, which is evaluated: an evaluated trial keeps at least one learning (write another for it first)
vk-trial: move.csv: 1 bad row: nothing was imported" ] || fail_with "import"
	[ "$(db_digest)" = "$before" ]
	# its text may change, and a learning of another trial may move to it
	vk-trial learning set 4 --text "Fiskefabrikken og pensionisterne underviste sammen med lærerne."
	vk-trial learning set 5 --trial 3
	[ "$(vk-trial learnings 3 | ids)" = "4 5" ]
	vk-trial learning set 4 --trial 1
	[ "$(vk-trial learnings 3 | ids)" = "5" ]
}

# ---- learning export, import, log ----

@test "learning export -o csv then import into a database with the same trials gives the same learnings" {
	add_learnings
	vk-trial learning set 4 --text '=SUM(A1) elever; "-5 grader"' >/dev/null
	vk-trial learning export -o csv > learnings.csv
	vk-trial learning export -o jsonl > original.jsonl
	[ "$(head -1 learnings.csv)" = $'id,trial,date,author,text\r' ]
	grep -qF "4,3,2020-05-15,,\"'=SUM(A1) elever; \"\"-5 grader\"\"\"" learnings.csv
	mv "$VK_DB" old.db
	rm -f "$VK_DB"-wal "$VK_DB"-shm
	add_trials
	run --separate-stderr vk-trial learning import learnings.csv
	[ "$status" -eq 0 ] || fail_with "import failed"
	vk-trial learning export > copy.jsonl
	diff original.jsonl copy.jsonl
}

@test "learning import is all or nothing, with FILE:LINE: field: problem; --dry-run writes nothing" {
	add_learnings
	before=$(db_digest)
	cat > more.csv <<-'EOF'
	trial,date,author,text
	2,2020-06-01,6,Ungdomsrådet vil mødes i skolens kantine.
	9,2020-06-01,,Til en prøvehandling der ikke findes.
	1,2020-06-31,4,En dag der ikke findes.
	1,2020-06-02,17,"Skrevet af en, der ikke er i registret."
	3,2020-06-03,,
	EOF
	run --separate-stderr vk-trial learning import more.csv
	[ "$status" -eq 65 ]
	[ "$output" = "" ]
	[ "$stderr" = 'more.csv:3: trial: there is no trial 9
more.csv:4: date: "2020-06-31" is not a date: June 2020 has 30 days; use YYYY-MM-DD, YYYY-Www, YYYY-MM, today, yesterday, tomorrow, +Nd, -Nd, +Nw or -Nw
more.csv:5: author: there is no stakeholder 17
more.csv:6: text: is required
vk-trial: more.csv: 4 bad rows: nothing was imported' ] || fail_with "messages"
	[ "$(db_digest)" = "$before" ]
	printf '%s\n' 'id,trial,text' '3,2,Ungdomsrådet mødes om aftenen.' ',3,Forældrene underviste.' > changes.csv
	run --separate-stderr vk-trial learning import changes.csv --dry-run
	[ "$status" -eq 0 ]
	# the old text is cut at 60 characters, as --dry-run shows every value
	[ "$output" = 'update learning 3 (line 2): text: "Ungdomsrådet vil ikke høres på rådhuset klokken 16.\nVi mødes…" -> "Ungdomsrådet mødes om aftenen."
add learning 6 (line 3): "Forældrene underviste."
would add 1, update 1, leave 0 unchanged' ] || fail_with "dry run"
	[ "$(db_digest)" = "$before" ]
	run --separate-stderr vk-trial learning import changes.csv
	[ "$status" -eq 0 ]
	[ "$(vk-trial learning show 6 -o jsonl)" = '{"type":"learning","id":6,"trial":3,"date":"2020-06-26","author":null,"text":"Forældrene underviste."}' ]
}

@test "learning log records add, set and rm; a learning never made has no history" {
	add_trials
	vk-trial learn 2 "Unge kommer om aftenen." --author 6 --date 2020-05-22 >/dev/null
	vk-trial learning set 1 --text "Unge kommer om aftenen, når der er mad." --clear author
	vk-trial learning rm 1
	run vk-trial learning log 1 -o jsonl
	[ "$status" -eq 0 ]
	[ "$(printf '%s' "$output" | norm_ts)" = '{"type":"event","id":10,"at":"TS","user":"vk-test","entity":"learning","entity_id":1,"action":"add","before":null,"after":{"trial":2,"date":"2020-05-22","author":6,"text":"Unge kommer om aftenen."}}
{"type":"event","id":11,"at":"TS","user":"vk-test","entity":"learning","entity_id":1,"action":"set","before":{"author":6,"text":"Unge kommer om aftenen."},"after":{"author":null,"text":"Unge kommer om aftenen, når der er mad."}}
{"type":"event","id":12,"at":"TS","user":"vk-test","entity":"learning","entity_id":1,"action":"rm","before":{"trial":2,"date":"2020-05-22","text":"Unge kommer om aftenen, når der er mad."},"after":null}' ] ||
		fail_with "log differs"
	run vk-trial learning log -o table
	[ "$(count_lines "$output")" = 3 ]
	[ "$(printf '%s\n' "${lines[0]}" | norm_ts)" = 'TS  vk-test  add learning 1  trial: 2; date: "2020-05-22"; author: 6; text: "Unge kommer om aftenen."' ] || fail_with "table"
	run --separate-stderr vk-trial learning log 99
	[ "$status" -eq 1 ]
	[ "$stderr" = "vk-trial: no history for learning 99" ]
	# the trials' log is another
	[ "$(vk-trial log -o jsonl | grep -c '"entity":"learning"')" = 0 ]
}
