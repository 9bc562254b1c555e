"""The composer's phrasings: several per part of a note, per kind and tone.

Sections start with `# section`, parts with `[part]`; one phrasing a line. Every part of a
thank-you note has seven phrasings (ten for the parts that cost the most when two notes share
them), worded apart from one another so that the notes to the interviewers of one interview
never read as copies. [short] holds, in order, the shorter forms of the opening, topic,
interest, next step, decision, helpers and others, for a note that runs long.

A phrasing claims nothing about the conversation that the user did not record: the courtesy
parts say only what any interview makes true (thanks for the time, the pleasure of meeting),
and only [topic], [next step], [decision], [forgotten], [helpers] and [others], which carry a
recorded field, speak of what was discussed, said or done. Fields in braces are filled
from the facts; the other kinds of note go to one person and need fewer.
"""

PHRASINGS = """
# closing
[formal]
Best regards,
Kind regards,
With thanks,
Sincerely,
Yours sincerely,
Regards,
With best regards,
[warm]
Warm regards,
Warm wishes,
All the best,
Best wishes,
Many thanks,
Warmest regards,
Kind regards,

# thank_you
[topic]
I especially enjoyed our conversation about {topic}.
Our discussion of {topic} gave me a much clearer picture of the work.
I have kept thinking about our talk on {topic}.
Talking about {topic} with you was a highlight of the interview for me.
It was a pleasure to talk through {topic} with you.
Our exchange on {topic} stayed with me long after we finished.
I found our conversation on {topic} especially valuable.
I was glad we had the chance to discuss {topic}.
Discussing {topic} with you gave me a lot to consider.
Our talk about {topic} is the part of the day I remember most.
[no topic]
It was a pleasure to meet you.
I am glad we had the chance to meet.
I appreciated the chance to speak with you.
I valued the opportunity to introduce myself.
Meeting you was a real pleasure.
I was glad of the chance to talk with you.
It was good of you to make the time.
I enjoyed meeting you and appreciated the opportunity.
I am grateful for the opportunity to be considered.
It meant a lot to have the chance to meet you.
[next step]
I understand the next step is {step}, and I look forward to it.
I look forward to the next step, {step}.
I have noted the next step, {step}, and will be ready for it.
I look forward to {step} as the next step.
I will be ready for the next step, {step}.
I will keep an eye out for news about the next step, {step}.
It was good to hear that the next step is {step}.
Knowing that the next step is {step} helps me prepare.
I am glad to know the next step will be {step}.
[decision]
I understand a decision is expected by {day}.
I have noted that a decision should come by {day}.
I will look out for news by {day}, when a decision is expected.
I understand that {company} expects to decide by {day}.
I note that a decision is planned for {day}.
I will keep {day} in mind as the day a decision is expected.
It is helpful to know that a decision is due by {day}.
[forgotten]
One thing I did not mention: {points}.
One point I meant to raise when we met: {points}.
I also wanted to add something I forgot to say: {points}.
[forgotten many]
A few things I did not mention: {points}.
Some points I meant to raise when we met: {points}.
I also wanted to add what I forgot to say: {points}.
[helpers]
I am also grateful to {names} for their help on the day.
Please also pass my thanks to {names} for their help.
My thanks also go to {names} for being so helpful.
I appreciated the help of {names} as well.
I would like to thank {names} as well for their help.
[others]
Please pass my thanks on to {names} as well.
I would be grateful if you could also thank {names} for me.
I also appreciated meeting {names}, and would be glad if you shared my thanks with them.
[short]
Thank you for your time at the {position} interview at {company}.
I enjoyed discussing {topic}.
I remain very interested in the role.
I look forward to the next step, {step}.
A decision is expected by {day}.
Thanks also to {names} for their help.
Please thank {names} for me too.
[filler]
I appreciate your consideration of my application.
I am grateful for the chance to be part of the process.
It was a pleasure to be considered for the role.

# thank_you formal
[opening]
Thank you for taking the time to meet with me about the {position} position at {company}.
Many thanks for setting aside time in your day to interview me for the {position} role at {company}.
I am writing to thank you for our interview for the {position} opening at {company} and your time.
Thank you for speaking with me about the {position} post with {company}; I value the time you gave.
Please accept my sincere thanks for your time during my {position} interview at {company}.
I would like to thank you for the time you took to discuss the {position} vacancy at {company}.
Thank you very much for your time and for the {position} interview at {company}.
Thank you for the time you devoted to discussing the {position} role at {company} with me.
I am grateful for your time, and thank you for considering me for the {position} post at {company}.
Thank you kindly for your time and for meeting me about the {position} job at {company}.
[interest]
I remain very interested in the role and in joining your team.
The conversation confirmed my strong interest in this opportunity.
My interest in the position is greater than ever, and I would welcome the next stage.
I am still keenly interested in the work and hope to stay in consideration.
Please know that my interest in joining you is as strong as ever.
Our meeting has deepened my interest in the post.
I continue to be most interested in this role.
I would be very glad to move forward, and my interest in the role has only increased.
Our meeting left me even more interested in the opportunity.
I am eager to continue the process and remain sincerely interested.
[sign-off]
Please let me know if any further details would be useful; I look forward to hearing from you.
Should anything else be needed from my side, do not hesitate to get in touch.
Thank you again for your consideration, and I hope the rest of your week goes smoothly.
I hope to speak with you again soon and wish you a pleasant end to the week.
I appreciate your attention, and I remain available for any questions.
If further documents or references would help, I would be happy to provide them.
Wishing you a productive week, I await your news.
I look forward to the possibility of continuing our conversation.
Should it be useful, I am happy to talk further at your convenience.
With thanks once more, I hope to hear from you in due course.

# thank_you warm
[opening]
Thank you so much for your time and for talking with me about the {position} role at {company}.
Thanks again for making time to talk with me about the {position} position at {company}.
It was a pleasure to meet you; thank you for your time at the {position} interview at {company}.
I just wanted to say thank you for your time during my {position} interview at {company}.
Thank you for your time, and for interviewing me for the {position} opening at {company}.
A quick note to thank you for the time you spent with me on the {position} job at {company}.
Thank you for all the time you gave me for the {position} role at {company}.
Thank you for giving me your time to talk about the {position} role at {company}.
Many thanks for your time and for meeting me for the {position} interview at {company}.
Thank you for your time during the {position} interview at {company}; it was good to meet you.
[interest]
I left our chat even more interested in the role.
I am genuinely excited about this opportunity and very much interested in joining the team.
It all made me more interested than ever in working with you.
My interest in the position has only grown since we met.
I remain truly interested in the role and would be glad to keep the conversation going.
I am really keen on the job, and my interest is stronger than ever.
Our talk has made me even more eager to join, and I am very interested in what comes next.
I came away really interested and hoping to be part of it all.
I would love to be part of the team, and I am very interested.
Meeting you has made me more interested in the job.
[sign-off]
I hope you have a lovely rest of the week, and I look forward to hearing from you.
Do let me know if there is anything else you need from me in the meantime.
Thanks again, and I hope we get to talk again soon.
I wish you a great week ahead and hope our paths cross again.
It would be wonderful to stay in touch, whatever happens next.
Have a good rest of your day, and enjoy the weekend when it comes.
Take care, and I hope to see you again before too long.
Enjoy the rest of your week, and thanks once more.
I hope the week treats you well.
All being well, I hope we will talk again.

# thank_after_decision formal
[thanks]
Thank you for considering me for the {position} position at {company}, and for your time.
Thank you for your time and consideration throughout the {position} process at {company}.
Thank you for considering my {position} application at {company}, and for letting me know.
[parting]
I was glad to have the chance to meet you and to learn about {company}.
It was a pleasure to be part of your process, and I valued the experience.
I valued the chance to get to know {company} better.
[future]
I would be grateful if you would keep me in mind for future openings.
Should a similar opening arise in the future, I would welcome the chance to be considered.
Please keep me in mind for any future roles that may suit me.
[interest]
I remain very interested in {company} and hope our paths cross again.
My interest in {company} is as strong as ever, and I would be glad to stay in touch.
I continue to be interested in working with {company} and its people.
[wishes]
I wish you and the team continued success.
With best wishes to you and your colleagues for the months ahead.
I hope the rest of the year goes well for you all.

# thank_after_decision warm
[thanks]
Thank you so much for considering me for the {position} role at {company}, and for all your time.
Thanks again for your time and for considering me for the {position} position at {company}.
Thank you for all your time and consideration for the {position} role, and for letting me know.
[parting]
I really enjoyed the chance to meet you.
It was a genuine pleasure to be considered.
I am grateful for the chance I had to get to know {company}.
[future]
If anything else opens up in the future, I would love to be kept in mind.
Please do keep me in mind for future openings.
I would be really glad to hear about any future roles.
[interest]
I am still very interested in {company} and would be happy to stay in touch.
My interest in {company} has not changed, and I would love to stay in touch.
I remain really interested in the work you do at {company}.
[wishes]
Wishing you and the team all the best.
I hope the rest of the year goes wonderfully for you all.
Best of luck with everything ahead.

# withdrawal_note formal
[thanks]
Thank you for your time and for considering me for the {position} position at {company}.
I want to thank you for the time you have given me during the {position} process at {company}.
Thank you for the time you have given to my {position} application at {company}.
[withdrawal]
After careful thought, I have decided to withdraw my application from consideration.
I am writing to let you know that I would like to withdraw from consideration for the role.
Having given it careful thought, I have chosen to withdraw my application.
[door]
I have a great deal of respect for {company} and would welcome the chance to stay in touch.
I hope our paths cross again, and I would be glad to hear from you in the future.
I think highly of your team and hope we can keep in contact in the years ahead.
[wishes]
I wish you every success in filling the position.
With best wishes to you and the team for the search.
I wish you and your colleagues all the best.

# withdrawal_note warm
[thanks]
Thank you so much for your time and for considering me for the {position} role at {company}.
Thanks for all the time you and the team have given me for the {position} position at {company}.
Thank you, truly, for your time and care during the {position} process at {company}.
[withdrawal]
After a lot of thought, I have decided to withdraw my application.
I wanted to let you know that I have decided to step back from consideration.
Having thought it over carefully, I have chosen to withdraw from the process.
[door]
I have really enjoyed getting to know {company}, and I would love to stay in touch.
I very much hope our paths cross again in the future, and I would be glad to hear from you.
I would be glad to keep in contact, and I hope we meet again before long.
[wishes]
Wishing you and the team all the best.
All the very best with the search.
I hope everything goes wonderfully for you all.

# last_note formal
[check]
I am writing one last time about the {position} position at {company}.
I wanted to check in one final time about the {position} role at {company}.
May I ask one last time whether the {position} position at {company} is still open?
[interest]
If the role is still open, I remain interested and would be glad to hear where things stand.
If a decision has not yet been made, my interest in the role is unchanged.
I would welcome any update you are able to share, as I remain interested.
[stop]
I will not keep writing, but I would be glad to hear from you at any time.
This will be my last note on the subject, and I would be happy to hear from you if anything changes.
I do not plan to write again, though I would welcome hearing from you in the future.
[thanks]
Thank you for your time throughout the process.
Thank you again for considering me.
Many thanks for your time and consideration.

# last_note warm
[check]
I wanted to check in one last time about the {position} role at {company}.
Just a final friendly note about the {position} position at {company}.
I hope you are well; I am writing one last time about the {position} role at {company}.
[interest]
If it is still open, I would love to hear where things stand.
If no decision has been made yet, I am still very interested.
Any update you can share would be much appreciated, as I remain interested.
[stop]
I will not keep writing, but I am always glad to hear from you if anything changes.
This is my last note on it, and I would be glad to hear from you any time.
I will leave it there, and I would be happy to hear from you in the future.
[thanks]
Thanks so much for your time.
Thank you again for everything.
Many thanks for all your time.

# thank_helpers formal
[thanks]
Thank you for your time and help during the process for the {position} position at {company}.
I wanted to thank you for all your help throughout my {position} application at {company}.
Thank you for the time and care you gave me during the process for the {position} role at {company}.
[help]
Your help did not go unnoticed, and I am grateful for it.
I appreciated your help greatly.
Your help made a real difference to me.
[parting]
I hope to have the chance to thank you in person before long.
It was a pleasure to deal with you, and I hope our paths cross again.
I am grateful for your help, and I will remember it.
[wishes]
Please pass on my best wishes to the rest of the team as well.
With every good wish for the busy weeks ahead.
I hope the rest of your week is a calm and pleasant one.

# thank_helpers warm
[thanks]
Thank you so much for your time and help during the process for the {position} role at {company}.
I just wanted to say a big thank you for all your help with the {position} position at {company}.
Thanks so much for your time and kindness during the process for the {position} role at {company}.
[help]
Your help really meant a lot to me.
I noticed your help, and I am truly grateful for it.
Your help made a real difference at a busy time.
[parting]
I hope we get to meet again soon, and that the coming weeks go well.
It was lovely to deal with you, and I hope our paths cross again.
I really appreciated everything you did to help.
[wishes]
Please say hello to everyone on the team for me.
Wishing you a relaxed end to the week.
Have a wonderful rest of your week.

# inquiry formal
[opening]
I am writing to follow up on my interview for the {position} position at {company}{on_day}.
I hope you are well; I would like to follow up on my {position} interview at {company}{on_day}.
I would like to follow up on the {position} position at {company}, for which I interviewed{on_day}.
[interest]
I remain very interested in the role.
My interest in the position is as strong as ever.
I continue to be very interested in joining the team.
[question]
Could you let me know where things stand and when a decision is expected?
I would be grateful for any update on the process and its timing.
May I ask where the process stands at the moment?
[offer]
I would be glad to provide anything else you need from me.
Should any further information be helpful, I am happy to send it.
Please let me know if there is anything more I can provide.
[thanks]
Thank you for your time, and I look forward to hearing from you.
Thank you in advance for any news you can share.
Many thanks for your time and help.

# inquiry warm
[opening]
I hope you are well; I wanted to follow up on my {position} interview at {company}{on_day}.
I am just checking in about my interview for the {position} position at {company}{on_day}.
I hope all is well; I am following up on my interview{on_day} for the {position} role at {company}.
[interest]
I am still very interested in the role.
My interest in the position has only grown since we spoke.
I remain really interested in joining the team.
[question]
Could you let me know where things stand at the moment?
I would love to hear how the process is going and when a decision might come.
Any update on the timing would be really helpful.
[offer]
If there is anything else you need from me, just let me know.
I am happy to send over anything else that would help.
Do tell me if anything more from my side would be useful.
[thanks]
Thanks so much for your time.
Thank you, and I look forward to hearing from you.
Many thanks for any news you can share.
"""
