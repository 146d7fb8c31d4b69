"""OCR's usual confusions in notices put right, and only those: what the clerk would otherwise have to retype."""

from __future__ import annotations

import pytest

from planner.notices.ocr.corrections import correct_text


@pytest.mark.parametrize(("read", "meant"), [
    ("照料。【责任单位:市卫生健康委员会、市民政局,各区、县(市)政府]2.全面",
     "照料。〔责任单位:市卫生健康委员会、市民政局,各区、县(市)政府〕2.全面"),
    ("发展。(责任单位:市民政局、市财政局,各区、县(市)政府)", "发展。〔责任单位:市民政局、市财政局,各区、县(市)政府〕"),
    ("服务。【〔责任单位:市民政局,各区、县(市)政府〕", "服务。〔责任单位:市民政局,各区、县(市)政府〕"),
    ("壮大。责任单位:市民政局、团市委,各区、县(市)政府]11.", "壮大。〔责任单位:市民政局、团市委,各区、县(市)政府〕11."),
    ("[牵头单位:市发改委;配合单位:市财政局)", "〔牵头单位:市发改委;配合单位:市财政局〕"),
    ("杭政办函【2020]47号", "杭政办函〔2020〕47号"),
    ("京政办发(2023)25号", "京政办发〔2023〕25号"),
    ("每6000一8000户配建1处,单处2000一3000平方米", "每6000—8000户配建1处,单处2000—3000平方米"),
    ("到2O22年,月探访率达到1O0%,l5个", "到2022年,月探访率达到100%,15个"),
    ("一3一", "—3—"),
])
def test_confusions_are_put_right(read, meant):
    assert correct_text(read)[0] == meant


@pytest.mark.parametrize("text", [
    "一、主要任务", "（一）强化居家养老服务责任。", "统一规划、一体推进", "Office 365 and iPad",
    "【典型案例】社区食堂", "（以下简称《条例》）", "按照(市)级标准", "I. Introduction",
])
def test_what_ocr_read_right_is_left_alone(text):
    assert correct_text(text) == (text, list(range(len(text))))


def test_each_character_knows_where_it_came_from():
    read = "服务。【〔责任单位:市民政局〕"
    text, sources = correct_text(read)
    assert text == "服务。〔责任单位:市民政局〕" and len(sources) == len(text)
    assert [read[source] for source in sources][4:] == list(read[5:])  # the doubled 【 is gone, the rest kept
    missing = "壮大。责任单位:市民政局]"
    text, sources = correct_text(missing)
    assert text == "壮大。〔责任单位:市民政局〕" and sources[3] == sources[4] == 3  # the added 〔 stands for 责
