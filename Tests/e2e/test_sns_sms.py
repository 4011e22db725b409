"""SNS SMS through boto3 and the AWS CLI: Publish to a phone number, `sms` subscribers of a topic (the topic's
display name prefixes the text), the account's SMS attributes and the opt-out operations, AWS's errors, and the
messages Stratus keeps instead of sending, read at GET /_stratus/sns/sms."""
import json
import random

import pytest


def number():
    return f"+1555{random.randrange(10**6, 10**7)}"


def sent(stratus, phone=None):
    path = "/_stratus/sns/sms" + (f"?phoneNumber=%2B{phone[1:]}" if phone else "")
    status, _, body = stratus.json("GET", path)
    assert status == 200, body
    return body["messages"]


def test_publish_to_a_phone_number(stratus):
    sns = stratus.client("sns")
    phone = number()
    answer = sns.publish(PhoneNumber=phone, Message="Your code is 424242", MessageAttributes={
        "AWS.SNS.SMS.SenderID": {"DataType": "String", "StringValue": "MyApp"},
        "AWS.SNS.SMS.SMSType": {"DataType": "String", "StringValue": "Transactional"}})
    messages = sent(stratus, phone)
    assert len(messages) == 1
    message = messages[0]
    assert message["messageId"] == answer["MessageId"] and message["phoneNumber"] == phone
    assert message["message"] == "Your code is 424242"
    assert message["senderId"] == "MyApp" and message["smsType"] == "Transactional" and message["topicArn"] is None
    # An unencoded + arrives as a space; the endpoint takes it too.
    status, _, body = stratus.json("GET", f"/_stratus/sns/sms?phoneNumber={phone}")
    assert status == 200 and [m["messageId"] for m in body["messages"]] == [answer["MessageId"]]
    status, _, body = stratus.json("GET", "/_stratus/sns/sms?phoneNumber=nope")
    assert status == 400 and body["code"] == "InvalidParameter"

    with pytest.raises(sns.exceptions.InvalidParameterException) as caught:
        sns.publish(PhoneNumber="12345", Message="x")
    assert caught.value.response["Error"]["Message"] == "Invalid parameter: PhoneNumber Reason: 12345 is not valid to publish to"


def test_sms_subscribers_of_a_topic(stratus):
    sns = stratus.client("sns")
    phone = number()
    topic = sns.create_topic(Name=f"sms-{random.randrange(10**9)}", Attributes={"DisplayName": "Builds"})["TopicArn"]
    arn = sns.subscribe(TopicArn=topic, Protocol="sms", Endpoint=phone)["SubscriptionArn"]
    assert arn.startswith(topic + ":")
    attributes = sns.get_subscription_attributes(SubscriptionArn=arn)["Attributes"]
    assert attributes["Protocol"] == "sms" and attributes["Endpoint"] == phone and attributes["PendingConfirmation"] == "false"
    message_id = sns.publish(TopicArn=topic, Message="build 7 failed")["MessageId"]
    messages = sent(stratus, phone)
    assert [(m["message"], m["messageId"], m["topicArn"]) for m in messages] == [("Builds> build 7 failed", message_id, topic)]
    with pytest.raises(sns.exceptions.InvalidParameterException) as caught:
        sns.subscribe(TopicArn=topic, Protocol="sms", Endpoint="not a number")
    assert caught.value.response["Error"]["Message"] == "Invalid SMS endpoint: not a number"


def test_sms_attributes_and_opt_outs(fresh_stratus):
    server = fresh_stratus("--in-memory")
    sns = server.client("sns")
    assert sns.get_sms_attributes()["attributes"] == {}
    sns.set_sms_attributes(attributes={"DefaultSMSType": "Transactional", "DefaultSenderID": "Acme", "MonthlySpendLimit": "5"})
    assert sns.get_sms_attributes(attributes=["DefaultSMSType"])["attributes"] == {"DefaultSMSType": "Transactional"}
    with pytest.raises(sns.exceptions.InvalidParameterException):
        sns.set_sms_attributes(attributes={"DefaultSMSType": "Urgent"})
    assert sns.get_sms_attributes()["attributes"]["DefaultSMSType"] == "Transactional"
    phone = number()
    sns.publish(PhoneNumber=phone, Message="defaults apply")
    message, = sent(server, phone)
    assert message["smsType"] == "Transactional" and message["senderId"] == "Acme"
    assert sns.check_if_phone_number_is_opted_out(phoneNumber=phone)["isOptedOut"] is False
    assert sns.list_phone_numbers_opted_out()["phoneNumbers"] == []
    sns.opt_in_phone_number(phoneNumber=phone)


def test_sms_with_the_aws_cli(stratus):
    phone = number()
    result = stratus.cli("sns", "publish", "--phone-number", phone, "--message", "from the CLI")
    assert result.returncode == 0, result.stderr
    message_id = json.loads(result.stdout)["MessageId"]
    assert [(m["messageId"], m["message"]) for m in sent(stratus, phone)] == [(message_id, "from the CLI")]


def test_sms_sandbox_numbers_are_verified_with_the_password_texted_to_them(stratus):
    sns = stratus.client("sns")
    assert sns.get_sms_sandbox_account_status()["IsInSandbox"] is False
    phone = number()
    sns.create_sms_sandbox_phone_number(PhoneNumber=phone, LanguageCode="en-US")
    listed = {n["PhoneNumber"]: n["Status"] for n in sns.list_sms_sandbox_phone_numbers()["PhoneNumbers"]}
    assert listed[phone] == "Pending"
    texts = sent(stratus, phone)
    assert len(texts) == 1 and texts[0]["message"].startswith("Your verification code is ")
    password = texts[0]["message"].rsplit(" ", 1)[1]
    assert len(password) == 6 and password.isdigit()

    with pytest.raises(sns.exceptions.VerificationException):
        sns.verify_sms_sandbox_phone_number(PhoneNumber=phone, OneTimePassword="000000" if password != "000000" else "111111")
    sns.verify_sms_sandbox_phone_number(PhoneNumber=phone, OneTimePassword=password)
    listed = {n["PhoneNumber"]: n["Status"] for n in sns.list_sms_sandbox_phone_numbers()["PhoneNumbers"]}
    assert listed[phone] == "Verified"

    sns.delete_sms_sandbox_phone_number(PhoneNumber=phone)
    assert phone not in [n["PhoneNumber"] for n in sns.list_sms_sandbox_phone_numbers()["PhoneNumbers"]]
    with pytest.raises(sns.exceptions.ResourceNotFoundException):
        sns.delete_sms_sandbox_phone_number(PhoneNumber=phone)
    with pytest.raises(sns.exceptions.ResourceNotFoundException):
        sns.verify_sms_sandbox_phone_number(PhoneNumber=phone, OneTimePassword=password)
    with pytest.raises(sns.exceptions.InvalidParameterException):
        sns.create_sms_sandbox_phone_number(PhoneNumber="12345")
    assert sns.list_origination_numbers()["PhoneNumbers"] == []


def test_sms_sandbox_with_the_cli(stratus):
    phone = number()
    created = stratus.cli("sns", "create-sms-sandbox-phone-number", "--phone-number", phone)
    assert created.returncode == 0, created.stderr
    listed = stratus.cli("sns", "list-sms-sandbox-phone-numbers")
    assert {"PhoneNumber": phone, "Status": "Pending"} in json.loads(listed.stdout)["PhoneNumbers"]
