"""Questions that check themselves: ``helpers.check("02.1", answer)`` prints right, or wrong with
a hint; never the answer.

Each notebook asks three to five short questions where its key points are (a number to predict,
a choice, a shape or a parameter count). The answers are not written here or in the notebooks:
``QUESTIONS`` holds salted SHA-256 digests of the accepted answers (for a number, of every value
on its grid inside the accepted range) and of the typical wrong answers, each with its hint.
The answer key, for instructors, is ``tests/test_questions.py``; ``digest`` makes new entries.
"""
from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field

SALT = "cnn-course"


@dataclass(frozen=True)
class Question:
    kind: str                       # "int", "choice" or "number"
    right: tuple[str, ...]          # digests of the accepted answers
    hint: str                       # for any wrong answer without a hint of its own
    wrong: dict[str, str] = field(default_factory=dict)   # digest -> hint
    step: float = 0.5               # "number": answers are rounded to this grid


def normalise(kind: str, answer, step: float = 0.5) -> str:
    """The canonical text of ``answer`` for a question of ``kind``; ValueError if it is not one."""
    if kind == "choice":
        text = str(answer).strip().strip("().").lower()
        if len(text) != 1 or not text.isalpha():
            raise ValueError("a single letter, such as \"b\"")
        return text
    if isinstance(answer, str):
        answer = answer.strip().rstrip("%").replace(",", "").replace("_", "")
    if isinstance(answer, bool):
        raise ValueError("a number")
    try:
        value = float(answer)
    except (TypeError, ValueError):
        raise ValueError("an integer" if kind == "int" else "a number") from None
    if not math.isfinite(value):
        raise ValueError("a finite number")
    if kind == "int":
        if value != int(value):
            raise ValueError("a whole number")
        return str(int(value))
    return str(round(value / step))       # the grid point, as an integer


def digest(qid: str, text: str) -> str:
    return hashlib.sha256(f"{SALT}:{qid}:{text}".encode()).hexdigest()[:16]


def grade(qid: str, answer) -> tuple[bool | None, str]:
    """(True, message) for a right answer, (False, message with a hint) for a wrong one, and
    (None, message) when there is nothing to grade yet or the answer has the wrong form."""
    if qid not in QUESTIONS:
        return None, f"There is no question {qid!r}: check the id in the cell."
    q = QUESTIONS[qid]
    if answer is ... or answer is None:
        return None, f"{qid}: write your answer in place of `...`, then run the cell again."
    try:
        text = normalise(q.kind, answer, q.step)
    except ValueError as err:
        return None, f"{qid}: the answer should be {err}; got {answer!r}."
    key = digest(qid, text)
    if key in q.right:
        return True, f"{qid}: right."
    return False, f"{qid}: not yet. Hint: {q.wrong.get(key, q.hint)}"


def check(qid: str, answer) -> None:
    """Print whether ``answer`` to question ``qid`` is right; a hint if it is not."""
    print(grade(qid, answer)[1])


QUESTIONS: dict[str, Question] = {
    '00.1': Question(
        'int', ('4f45f8ff3098dde9',),
        ('One step per batch: divide the number of training images by the batch size and round'
         ' up.'),
        {
            '4597ace40825205c': ('45,000 is not a multiple of 128: what happens to the '
             'images left over after the last full batch? Look at the ⌈ '
             '⌉ in the rule.'),
            '74caae2e75c8aab3': ('That counts several epochs. The question asks for a single'
             ' pass over the training images.'),
            '9cb9f0447622a250': ('Steps are counted in batches, not images × batch size: how'
             ' many batches of 128 does it take to cover 45,000 images?'),
        }),
    '00.2': Question(
        'choice', ('2fb6f64cf232c156',),
        ('Think about what the stopwatch measures if the function returns before the '
         'computation is done.'),
        {
            '258aaadfc47a4239': ('Reread what the lesson says `.numpy()` does besides '
             'producing a NumPy array: when does the call return?'),
            '0e977365d55440c8': ('Tracing and memory allocation happen on the first call, '
             'which is the untimed warm-up. Think instead about when '
             'TensorFlow returns compared with when the work ends.'),
        }),
    '00.3': Question(
        'number', ('1ecba4c073cf71be', 'ba81bd064411768f', 'c9212cfcb35e2a8f', 'db7be3a88c9494ce', 'f76690e606ad6744'),
        ("Use the cell's formula: an n × n product is 2·n³ floating-point operations; divide "
         'by the time in seconds and by 10⁹.'),
        {
            '612dbd4c4388d79e': ('Count the operations again: each term of a dot product is '
             'a multiplication and an addition.'),
            '992f8be8d7f769a8': ('Check the units: the time was given in milliseconds, and '
             'the rate is per second.'),
        }, step=8.0),
    '00.4': Question(
        'number', ('b59098c6435fd790', 'c8568b6af6b791b5', 'efe5b28b81801df7', 'fa5a9ee8f64daecc', 'fa929f9c9e553b24'),
        ('First the forward pass: images divided by images per second. Then apply the rule for'
         ' a training step.'),
        {
            'ca18c7c0f939bdaa': ('That is one forward pass only. Training also runs '
             'backward, to the inputs and to the weights: how much does '
             'that cost, by the rule above?'),
            'e7872c51ec98bcf9': ('A training step costs more than a forward pass, not less: '
             'should you multiply or divide?'),
        }, step=0.4),
    '01.1': Question(
        'int', ('fa7c8a4f871ff4b9',),
        ('Add two Dense layers: each has (inputs × units) weights plus one bias per unit, and '
         "the output layer's inputs are the 128 hidden units."),
        {
            '248b859609fdb612': ('That is the first Dense layer only. The 10-unit output '
             'layer is a Dense layer too: what are its inputs?'),
            '74c31f8693a433b7': 'Close: check the biases of the output layer.',
            'c96a874e67a74984': ("That counts the first layer's weights only: add its "
             'biases, then the whole output layer.'),
        }),
    '01.2': Question(
        'int', ('3654321e17f5e80e',),
        ('Each Conv2D(…, 3) without padding takes 2 off the side, each MaxPooling2D(2) halves '
         'it (rounding down, as 13 → 6 in the summary); multiply the final side² by the last '
         "layer's 64 filters."),
        {
            '976a9f77c907a6d5': ('Doubling the side does not simply scale 4 × 4 to 8 × 8: '
             'each 3 × 3 conv without padding removes a fixed border. '
             'Trace the side through every layer.'),
            'a5c67e5211e36fe6': ("The conv layers' parameters do not change with the image "
             'size, but their output maps do. Trace the side through '
             'every layer.'),
            '54691e4ab275a4b1': ('Check the pooling of an odd side: the summary shows what '
             'MaxPooling2D(2) does to 13 × 13.'),
        }),
    '01.3': Question(
        'choice', ('dff7f4506a4058de',),
        ('The plot in section 7 puts seconds, not epochs, on the x-axis: what question does it'
         ' answer?'),
        {
            '656fe51dc77fcb49': ('Look at the time per epoch in the comparison table and the'
             " printed time ratio: which model's epochs are longer?"),
            '641acba5fecbc8e0': ('Compare the total training times printed above. Fewer '
             'parameters does not mean less computation for a conv '
             'layer: each filter is applied at every pixel.'),
        }),
    '01.4': Question(
        'int', ('5b0b5f0d57810c67',),
        ('Work out j first (multiply the strides of all layers in the table), then apply r_out'
         " = r_in + (k − 1)·j_in with the pool's k = 2."),
        {
            '6f946cda521845ff': ('The formula multiplies (k − 1) by the step j, and j is no '
             'longer 1 after two poolings of stride 2.'),
            'fc367f7e0d166f8d': ('Pooling does not double the receptive field: apply r_out ='
             ' r_in + (k − 1)·j_in with k = 2.'),
            'ecc7d5841ed7c196': ('Count every stride before this layer when you compute j: '
             'how many poolings of stride 2 are there?'),
        }),
    '02.1': Question(
        'int', ('002430f3117c8fd4',),
        ('A Dense layer holds (number of inputs x number of units) weights plus one bias per '
         'unit. What feeds Dense(10)?'),
        {
            '35d0cb4a6b6f9bb5': ('You counted the weights only. Each of the ten output units'
             ' also has a bias.'),
            '04a3200f86ed6f48': ("The last layer's input is not the flattened feature maps. "
             'Look at the layer just before it.'),
            'abfef3d7ae3ec718': ('A dense layer connects every input to every unit, so the '
             "counts multiply; they don't add."),
        }),
    '02.2': Question(
        'choice', ('606e434818f51a9e',),
        ("Compare what the training curve and the validation curve do. Which of the lesson's "
         'two cases describes them drifting apart?'),
        {
            'ec69ba8ce114ae02': ('Under-fitting means both curves are low and still rising '
             'together. Here the two curves move apart.'),
            '21c6561d7854b618': ('A learning rate that is too small slows everything, '
             'training included. Here training still improves while '
             'validation gets worse.'),
        }),
    '02.3': Question(
        'number', ('104170d52833ad15', '7fbd64239bc25a9b', 'a911c690b35a471b', 'b0c5aec9dab1c81b', 'f9cc180dc79d4b01'),
        'Recall: of the images that really belong to the class, the fraction the model found.',
        {
            'f7f6ffa9162481cf': ("That is the fraction of the 'cat' predictions that were "
             'right, which is precision. Recall starts from the real '
             'cats.'),
            '30ef457f239dfb51': ('Count only the cats the model found, not every image it '
             'called a cat.'),
        }, step=0.5),
    '02.4': Question(
        'int', ('efce80a18cbae90e',),
        ('Grow the patch layer by layer. A 3x3 conv adds 2 x (current step) input pixels; a '
         '2x2 pool adds 1 x (current step) and then doubles the step.'),
        {
            'b43f783d5e5cb508': ('You added 3 + 3. After pooling, one step in the next layer'
             ' is no longer one input pixel.'),
            'a78347e272a836f2': ("3 x 3 is the filter's size, not the patch's width. Follow "
             'how the patch grows layer by layer.'),
            '0b4d4d47fc0cf47e': ("The question stops at the second conv layer's output; the "
             'pooling after it does not count.'),
        }),
    '03.1': Question(
        'number', ('190e8af9a938e2f8', '1eb22135344da4e6', '58aca8ad4e2b5a93', '5b756fc9eb22770e', 'b451cb48a8dcbb9b'),
        "The table's note on rotation_range says what unit RandomRotation's factor is in.",
        {
            'c478aeb1786d5038': ('Keras 3 rejects any factor outside [-1, 1]: the factor is '
             'not in degrees.'),
            '44947d3b82bc876f': ('Check what whole the factor is a fraction of. It is not '
             "half a turn (see the table's note)."),
            '99c752a439811080': ("The factor is not an angle in radians. Re-read the table's"
             ' note on RandomRotation.'),
        }, step=0.0015),
    '03.2': Question(
        'number', ('1cd6910b7931c41c', '4ba4f4081c332a36', '6b88397222d52ff6', '9545e3c3235f49a1', 'ed5c23c982ba318b'),
        "RandomTranslation's factors are fractions of the image's height and width.",
        {
            '32586c7e9167adbb': ("0.1 is a fraction of the image's width, not a number of "
             'pixels or a percentage.'),
            'cb49a21417e7e4ac': ('The factor bounds the shift in each direction separately. '
             'You counted the whole span from far left to far right.'),
            '8905873388709374': ("That would be seed 003's 224-pixel photos. Here the images"
             " are CIFAR-10's."),
        }, step=0.075),
    '03.3': Question(
        'choice', ('2d1f2c690768709a',),
        'Re-read what the lesson says about training=True and inference.',
        {
            'bdd79d5d5961bb72': ('Check when the Random* layers are active. Does predict run'
             ' the model in training mode?'),
            '5a3f09e84fa01cb9': ('Averaging with the mirror is test-time augmentation, which'
             ' you have to write yourself (exercise 3). The layers do '
             'nothing of the kind.'),
        }),
    '03.4': Question(
        'choice', ('da4d9eea0f9f9f1e',),
        'List what would differ between the arms if each one stopped at its own epoch.',
        {
            '98c959d5621cfca2': ('Would every arm still train for the same number of steps? '
             'A fair comparison changes only one thing.'),
            '369b9c368405cfa5': ('Early stopping often helps a single model. The question is'
             ' about what differs between the arms.'),
        }),
    '04.1': Question(
        'int', ('c77b434ce37f76a9',),
        ('Take the 9 files one at a time through the five rules of section 5, in their order, '
         'and count only the ones that end as non-image, broken or tiny.'),
        {
            'bba1afbb8b202c2c': ('A .jpg ending only gets a file past rule 1. Rule 2 asks '
             'whether Pillow can really decode what is inside: look '
             'again at what was written into each .jpg file.'),
            '43169c9ccd66d726': ('Rule 2 (broken) is not the only rule that skips a file: '
             'rules 1 and 3 skip files too.'),
            'f08935653f005ffe': ('Greyscale, CMYK, transparent and sideways images are still'
             ' usable: they are converted to an upright RGB copy, not '
             'skipped.'),
        }),
    '04.2': Question(
        'number', ('165462dda2240702', '1c2c3725cc59821e', '7ef4ff9af10e5f84', 'cb039168eee9fb73', 'e61701d541a8fe12'),
        ("Read the crop branch of make_square: the square's side is min(h, w). Compare that "
         "square's area with the whole photo's."),
        {
            'd13dd1c4ef71cf49': ('That would be pad or stretch. Crop cuts something away '
             'before resizing: which side is cut, and down to what '
             'length?'),
            'd8fa9b21887b4820': ('That is the share that is cut away; the question asks for '
             'the share that is kept.'),
            'cad878768f415d74': ('Only the longer side is cut; the shorter side keeps its '
             'full length.'),
        }, step=0.5),
    '04.3': Question(
        'choice', ('ed7d651361b0d036',),
        ("Think about the three jobs in this section: which job did seed 002's validation set "
         'do, and which job did it never get?'),
        {
            '8891c8420031ae62': ('The validation set picked which epoch to keep and when to '
             'lower the learning rate. Can a set that helped make those '
             'choices still count as unseen data?'),
            'e6cfcaf0a2ec28d7': ('Choices made on a set are kept because they look good on '
             'that set. Which way does that push the score measured on '
             'it?'),
        }),
    '04.4': Question(
        'number', ('0426395063e6bb70', '71877d5310ea1912', '96bfb27c86d7f3f2', 'c3d55a2fdcba18e8', 'ca6d2dae13086a46'),
        ("Add up all the images first, then divide by (number of classes × the small class's "
         'count).'),
        {
            '34245534eed0f9d5': ('That is the largest class divided by the smallest. The '
             'rule divides the total number of images by n_classes × '
             "this class's own count."),
            '3a159efc19239c9a': ('Upside down: a small class must get a weight above 1 so '
             'that, summed over its images, it counts as much as a big '
             'class.'),
            'f34cc185c993e34f': ('Weights are all 1 only when the classes are the same size;'
             ' these are not.'),
        }, step=0.025),
    '05.1': Question(
        'choice', ('187376e822d981fc',),
        ("Re-read the condition BatchNorm's call tests (section 3), and ask which half of it "
         'is false for a frozen base.'),
        {
            'c46b2b4afaa1b9b5': ('That is BatchNorm in training mode when the layer is '
             'trainable. Which two things does its call test, and what '
             'did base.trainable = False change?'),
            '698fd8e5c66042c7': ('BatchNorm has no such half mode: one test picks either '
             'batch statistics with an update, or the stored statistics.'),
        }),
    '05.2': Question(
        'choice', ('35e600e989cc32a2',),
        ("The cache stores the base's output for one fixed version of each image. Which option"
         ' needs a different version of the image every epoch?'),
        {
            '2a27f5da9e43c59e': ("Class weights scale each example's loss by its label; they"
             ' never look at the image. What exactly does a feature '
             'cache freeze?'),
            '553df897b0c8176d': ("The validation images' features are cached too, so a "
             'validation loss can still be computed after every epoch.'),
        }),
    '05.3': Question(
        'int', ('29f87d23297e0d14',),
        ('A Dense layer has (inputs × units) weights plus one bias per unit. How many inputs '
         'does it get after pooling?'),
        {
            'cd60a3919960d007': ('Close: count the weights again, and remember that each of '
             'the 256 units also has one more parameter of its own.'),
            '8e6accb099ae985d': ('The Dense layer comes after global average pooling. What '
             'is left of the 5×5 grid once it has been pooled?'),
            'b9c54c9266b1f2d6': ('Each of the 256 units has one weight for every number it '
             'receives, plus a bias.'),
        }),
    '05.4': Question(
        'number', ('14ab7a3d8e045845', '2b30e22dfde81155', '6a0906085973f1b6', 'b2c1fd91b23ebc6b', 'e7062e596abc3c83'),
        'Put p = 0.96 and n = 600 into √(p(1−p)/n), then multiply by 100 to get points.',
        {
            '5c955f39681f967c': 'The formula ends with a square root; did you take it?',
            '1781498573ce1080': ('That is two standard errors, the margin section 5 uses to '
             'pick a model; the question asks for one.'),
        }, step=0.025),
    '06.1': Question(
        'choice', ('ccd4203a9ee2b976',),
        'Think of what a 3×3 conv computes at one position, then put zero in every weight.',
        {
            'a841b012e81a78f4': ("'Faint' would still vary with the image. Multiply any "
             'patch of pixels by weights that are all zero: what is left'
             ' that could vary from place to place?'),
            '92fc2437f7a3e99d': ('Brightness is a weighted sum of the pixels with non-zero '
             'weights. What happens to the pixel values here before '
             'anything else is added?'),
        }),
    '06.2': Question(
        'int', ('9a3687cb6110b8c8',),
        ('Follow the side from 32: a conv keeps it, each pooling halves it; stop at the third '
         'conv, before its own pooling.'),
        {
            '47e9edc9d09b5f58': ('The question asks for the map just before the third '
             "block's pooling. How many poolings has the image gone "
             'through when it reaches the third conv?'),
            'b8f53beb1562c781': ('Count every 2×2 pooling between the input and the third '
             'conv: the first and the second block each end with one.'),
            '60f7fbc771ccfce3': ("'same' padding keeps the side through each conv, but the "
             'poolings of the blocks before do not.'),
        }),
    '06.3': Question(
        'int', ('fe64187134aeee77',),
        ('Start from 18 px with a step of 4 between units; apply the pool, then the conv, each'
         ' adding (k − 1) × the current step, and let the stride-2 pool double the step.'),
        {
            '14ac2fb0ae89be7b': ('You added 2 × 4 for the new conv. What did the third pool '
             'do to the step between neighbouring units before that '
             'conv?'),
            'ada3126aabd60587': ('The step is right for the new conv, but the new pool '
             'itself also adds (2 − 1) × the step before it, as the '
             'first two pools did.'),
            'c4cdc7f36d2868e3': ('The field does not double per block: each layer adds (k − '
             '1) × the product of the strides before it.'),
        }),
    '06.4': Question(
        'choice', ('30eca5b3d09119e8',),
        ('Compare two things the notebook measured: the gradient on the grey start image, and '
         'whether the channel fires on real photos.'),
        {
            '9705894419a3da16': ('A dead ReLU never fires on any image. What does the fires '
             'line say about this channel on the test images?'),
            '7990de294d577cc1': ('Other channels moved from the same kind of start with the '
             'same code. What does a zero gradient say about this '
             "channel's ReLU on that particular start image?"),
        }),
    '07.1': Question(
        'int', ('47569539ccfaf1b9',),
        ('Follow the side from 32 through the poolings before conv2d_2, then count height × '
         'width.'),
        {
            'bda9dfc5e80ec56f': ('The Grad-CAM layer is the conv before the third pooling. '
             'How many poolings has the image gone through when it '
             'reaches it?'),
            '18ef10a2a64457d1': ("The heatmap has the resolution of the conv layer's map, "
             "not of the input image; blowing it up to the image's size "
             'is a later step, for the overlay.'),
            'bffb3a95b61e1ddc': ('That is one side. The question asks for all the cells: '
             'height × width.'),
        }),
    '07.2': Question(
        'choice', ('48890a534d224f38',),
        ("Reread 'The bug in seed 003': what does the tape hold after two model calls, and "
         'does the score depend on the tensor you ask about?'),
        {
            'f68b79f72fd56622': ('Watching a tensor lets the tape record the operations that'
             ' use it. Which operations used conv_maps_2 after it was '
             'made? (Seed 003 watched it and still got None.)'),
            '3f7088a45d2ae865': ('A softmax probability is a differentiable function of the '
             'maps too: it would change the heatmap, not make the '
             'gradient None.'),
        }),
    '07.3': Question(
        'choice', ('560dfef1afbf925f',),
        ('The check fails when the pictures stay the same although the weights changed: which '
         "ρ means 'the same ranking of regions'?"),
        {
            '9cc59575f3370166': ('A negative ρ means the random model ranks the regions '
             'differently from the trained one. Is that a sign the '
             'heatmaps ignore the weights?'),
            '57c2499e2994c8b3': ('ρ near 0 means the two sets of maps are unrelated. What '
             'should a good explanation do when the weights are replaced'
             ' by random ones?'),
        }),
    '07.4': Question(
        'choice', ('3373c28cdc6408b3',),
        ('Follow one negative cell through step 4 (ReLU, divide by the maximum) and then '
         'through the jet colour map.'),
        {
            '108dc13ded987907': ('Dark red is the top of the scale after the division by the'
             ' maximum. What does the ReLU do to a negative value before'
             ' that?'),
            '6a27d3c58cdec7d1': ('Look at step 4 of the recipe and at the colour map in '
             'section 3: is any sign information left to colour?'),
        }),
    '08.1': Question(
        'choice', ('bed0ce603b4a56f8',),
        ('Compare what c04 fixes once with what run_arm does with `seed` before building the '
         'model.'),
        {
            '92490768e00cae6e': ("Look at c04: the arms' subset is drawn once, before any "
             'arm runs, with a fixed random_state. Does run_arm draw it '
             'again?'),
            'bc6b5f96c9c1c3f7': ('x_val is a fixed slice of the validation split, taken once'
             ' in c04. What does set_random_seed inside run_arm actually'
             ' reseed?'),
        }),
    '08.2': Question(
        'int', ('b43ac72199ac0599',),
        ('First find the rate at step 60 (how many decades per step?), then apply the rule of '
         'a tenth.'),
        {
            'bd3c7e00d3354001': ('That is the rate at the lowest loss itself. Reread the '
             'rule in the markdown above: what does it do to that rate?'),
            '294baa119506f040': ('Five decades over 100 steps is one decade every 20 steps: '
             'count again how many decades the rate has climbed by step '
             '60.'),
        }),
    '08.3': Question(
        'number', ('048026b13d6390fb', '50234fc9a6f32a76', '5f57ecf31038f805', '9c96a94005032665', 'f052d1674e4045fa'),
        ('Work out how 0.1 turns 1 into 0.91 (what is taken away, what is added back), then do'
         ' the same with 0.2.'),
        {
            'de77c142f5f658df': ('The smoothing mass is spread over all 10 classes, the true'
             ' class included: check how 0.91 arises from 0.1.'),
            'f943bafdb4bb1f1b': ('The true class loses the whole smoothing amount, not a '
             'tenth of it, and then gets its share back.'),
            'e12414d6e00b801a': ('That is the value for 0.1; redo the same two steps with '
             '0.2.'),
        }, step=0.0025),
    '08.4': Question(
        'number', ('08c2b08c40135120', '339bb284b46a6e48', '45e32f0c0bf465d5', '849cddfc47041124', 'b4f7fab63d993a69'),
        'What is left of the start after one step? After two? Write it as a power.',
        {
            '21fbe5d6a8b97bd0': ('That is the share the batches have contributed. The '
             'question asks what is left of the start.'),
            'e1b2c640d7892a2c': ('Each step keeps 99% of the old value; what remains after '
             'one step is kept again at the next step, 128 times.'),
            '1cbd1d445242ddf3': 'Multiply 0.99 by itself 128 times: is that close to zero?',
        }, step=1.5),
    '09.1': Question(
        'choice', ('1d2e2c2c0a07b112',),
        'Compare the two lines of c08 that define `honest` and `peeked`.',
        {
            '22eafec6b80dc12e': ('Look at how c08 computes each: one of them is a maximum '
             'over a set that contains the other.'),
            'ba05ba6a72e6a9d6': ('Both numbers are test accuracies of the same runs. Is the '
             'honest run one of the runs the peeked number is taken '
             'over?'),
        }),
    '09.2': Question(
        'number', ('93c2521825245660', 'baea79bbe38e54b8', 'cf80bce44fd27d63', 'ec55f2fe32c3c861', 'f460c582acee828c'),
        ("Use c10's binomial_sd formula with n = 4,000, or ask how sqrt(1/n) changes when n is"
         ' multiplied by 4.'),
        {
            '1814dea4bb1ab96c': ('The SD does not shrink in proportion to n: look at where n'
             " sits in c10's formula."),
            'cd8ecaa5b4a512c0': ('n is in the formula: more held-out images make one score '
             'steadier.'),
            '88fc9dfd1535f0f9': 'More images should make the score less noisy, not more.',
        }, step=0.05),
    '09.3': Question(
        'int', ('187f6f52f240bce8',),
        'Use the formula in the markdown above: n / (10 · n_class).',
        {
            '663c2d4d706e0631': ('That is how many times rarer trucks are than airplanes. '
             'The balanced weight compares a class with the average '
             'class size, not with the largest.'),
            '1a7015ce8f215b58': ('Check the formula in the markdown above: the denominator '
             'has two factors.'),
        }),
    '09.4': Question(
        'choice', ('98d7edfeffdd338c',),
        'Reread the markdown before c25 on what T > 1 does and what never changes.',
        {
            'e0c62d1e31634d47': ('Dividing all logits of an image by the same positive '
             'number: can it change which logit is largest?'),
            '46b87a6796871059': ('Reread c24: which values of T soften over-confident '
             'predictions, and which sharpen them?'),
        }),
    '10.1': Question(
        'number', ('1fd225833a98cd62', '580ebf5cfa48469a', '9584152fdce04331', 'cc5eb2b9efb951d5', 'fb19a8bebd4462ec'),
        ('Take the largest value a uint8 can hold and apply real = scale × (q − zero_point) '
         'with the printed scale and zero point.'),
        {
            '9203d058912809aa': ('Which integer q would be needed for exactly 100%? Can a '
             'uint8 hold it?'),
            '0c4b9556480b27e0': ('255 is the stored integer q, not the probability: put it '
             'through real = scale × (q − zero_point).'),
            '36e7774b759fd568': 'Right idea, but the answer is asked in %.',
        }, step=0.075),
    '10.2': Question(
        'int', ('d0f3983377357dfc',),
        ('Re-read how int8 quantizes the weights: one scale per output channel. How many '
         'output channels does this layer have?'),
        {
            'a20ea50943b65999': ('One scale for the whole tensor is per-tensor quantization.'
             ' The text above says the weights get one scale per what?'),
            '656d4e729c58addb': ('Each scale is shared by many weights. Which group of '
             'weights shares one?'),
            'fe26f7f3fde424a4': ('Input or output channels? Each output channel is one '
             'filter with its own range.'),
        }),
    '10.3': Question(
        'choice', ('801897d46b67030c',),
        ('Trace the route line by line with a text file as the upload: which line fails, and '
         'does anything catch the error?'),
        {
            'e71baaddd8ad47fb': ('A 415 needs code that checks the file and chooses that '
             'status. Look for such code in make_app.'),
            '501ee71da5eea09e': ('Can Pillow turn a text file into pixels? Follow what '
             'Image.open does with it, and what happens to an exception '
             'nobody catches.'),
        }),
    '10.4': Question(
        'number', ('120b6940c9176da0', '386cc58757e5d97a', '5b182fdd73122a45', '746b3f7e00a24d96', 'db70de02a1ac117a'),
        ('Use the rule stated above: each request waits about (requests in flight) ÷ '
         '(throughput gain) times as long as alone.'),
        {
            'c88a4506ce84710d': ('More requests per second does not mean each one is served '
             'faster: how many requests are waiting at once now?'),
            'b0bb60a9dd023bd3': ('That would be true if throughput had not grown at all. '
             'Divide by the gain.'),
            'e4c44eed41b4fe5b': ('The throughput gain shortens the wait, it does not '
             'lengthen it: divide, do not multiply.'),
        }, step=0.125),
    '11.1': Question(
        'number', ('288f40fdf10c7f4d', '4693dd93fe2706b5', '5b6492a3b855c020', '957fc01682253c66', 'e97aef1c3eac07c4'),
        ('Count how many labels are changed, then ask whether a changed label can end up equal'
         ' to the true one.'),
        {
            '4317fa3290755954': ('You assumed some flips land back on the original class. '
             'Look at the range of `shift`: can (y + shift) % 10 equal '
             'y?'),
            'd24188d2e08a7012': 'Right idea, but the answer is asked in %.',
        }, step=0.25),
    '11.2': Question(
        'choice', ('091de11c8e769e1d',),
        'Think about what a model does to the labels it trains on, including the wrong ones.',
        {
            '594beab87c97553f': ('Count the fits: cross_val_predict fits one model per fold,'
             ' instead of one. Speed is not the reason; think about what'
             ' training does with the labels it sees.'),
            '141497552ac1c145': ('A fitted logistic regression predicts any row of features,'
             " seen or not. Ask instead what having seen an image's "
             'label does to its probability for that label.'),
        }),
    '11.3': Question(
        'choice', ('60f6d7ebe4a45fc4',),
        'Write out x + ε · sign(gradient) for one pixel: what values can sign() take?',
        {
            'e94305f1c2327b9f': ('Look at what sign() does to a gradient of 0.001 and to one'
             ' of 1000: does the size survive?'),
            '31e2b87bd050506e': ('ε is added to the pixel, not multiplied with it, and it '
             'counts pixel levels of the 0–255 input.'),
        }),
    '11.4': Question(
        'number', ('4b63c16ec3447a02', '4ecff16634af151b', '9a3cb7f47f23fd0e', 'a90c07a81c497f72', 'fce46e51116dbb0d'),
        ('Put p = 0.5 and n = the number of images of ONE class into √(p(1−p)/n), then convert'
         ' to points.'),
        {
            '64bc5557a01d2ad9': ("That is the notebook's figure for 200 images per class; n "
             'has changed here.'),
            'f65f29c54b766438': ("A class's recall is measured on that class's images only, "
             'not on all 10,000.'),
            '386706474bd088fc': ('Check two things: that you took the square root, and that '
             'you turned the fraction into points (× 100).'),
        }, step=0.1),
    '12.1': Question(
        'int', ('00c319d63e1196a0',),
        ("Write down what one residual block returns when its branch's last conv outputs "
         'zeros, then count the conv layers that are not inside a block.'),
        {
            '7281c6d6bd5088f9': ('15 is how many conv layers the net contains. Look at what '
             'the zero-initialised last conv of each branch adds to the '
             "block's input, and what the ReLU then does to an input "
             'that is already non-negative.'),
            '364c3b96e7f4e068': ('The first conv of each branch does compute something, but '
             "where does its output go? Follow it through the branch's "
             'zero-initialised conv before it reaches the Add.'),
            'cf4e42e462ce45d1': ('The blocks start as the identity, but each stage also '
             'begins with a conv outside any block, initialised the '
             'usual way.'),
        }),
    '12.2': Question(
        'int', ('86bad9fbef9bbb1d',),
        ('Count the two layers apart, as the lesson does for C = 128 (9·C for the depthwise '
         "conv, then the 1 × 1 conv's C·C), and add."),
        {
            '0d7c47219f6b812e': ('That is the standard 3 × 3 conv, which mixes space and '
             'channels at once. The separable pair splits those two jobs'
             " between two layers: count each layer's weights."),
            'eb8c6f82d0b882a8': ('That is only the depthwise part. The pair has a second '
             'layer that mixes the channels.'),
            '93293291e03d59e7': ('That is only the pointwise part. Add the depthwise conv, '
             'which has one 3 × 3 filter per channel.'),
        }),
    '12.3': Question(
        'int', ('634be56267fd1eec',),
        ('A token is one flattened patch: its height × its width × the number of channels of '
         'the maps it is cut from.'),
        {
            '3045b9340e90ca39': ('2 × 2 × 3 would be a patch of the raw image. The hybrid '
             "cuts its patches from the conv stem's output: how many "
             'channels does that have?'),
            'b75323ec84dacae2': ("48 is the plain ViT's token (a 4 × 4 patch of 3 colours). "
             'The hybrid uses different patches of different maps.'),
            'f4f41168e4342008': ('64 is how many tokens there are, not how many numbers each'
             ' one holds.'),
        }),
    '12.4': Question(
        'choice', ('90193a9fc69c04c1',),
        ('Think of one filter slid over the image: what happens to its output map when the '
         'whole image moves?'),
        {
            '2c40d9d45d414584': ('A 3 × 3 filter shared across positions meets a turned '
             'pattern unturned. Look at what a quarter turn did to the '
             "CNN's accuracy in the table."),
            'be4cf1aa8a5328b2': ('Weight sharing gives one of these for free, not both: '
             "compare the 'shifted 3 px' and 'rotated 90°' columns, and "
             're-read how the lesson says rotation invariance has to be '
             'obtained.'),
        }),
    '13.1': Question(
        'int', ('1c83282879b0ba02',),
        ('Count the positions where a 2 × 2 window fits along one 32-pixel edge, then square '
         'it.'),
        {
            '735d5531d5d13816': ('That is one patch per pixel. A 2 × 2 window must fit '
             'inside the image: how many starting positions does it have'
             ' along one edge of 32 pixels?'),
            '6d940d0550c43d14': ('That would be non-overlapping patches (stride 2). '
             'sliding_window_view moves the window one pixel at a time.'),
            '68b77cfa5e8439ac': ('12 is how many numbers one patch holds (2 × 2 × 3), not '
             'how many patches there are.'),
        }),
    '13.2': Question(
        'number', ('0a3eeefefc38fb32', '1b1d53b024a81879', '7633fc626699470d', '979892e8eca085be', 'a931bb3644cd8729'),
        ('Find where the rise ends (20% of 1,000 steps); from there the rate falls linearly '
         'from the peak to 0 at step 1,000.'),
        {
            '031c9355e9042a96': ('The fall to 0 does not start at step 0: it starts where '
             'the rise ends. Over how many steps does the learning rate '
             'fall?'),
            '46d954d0ba868df9': ('That is the fraction of the peak; the schedule returns the'
             ' learning rate itself.'),
            '8fbba3bb2197dc50': ('The peak is held only at the end of the rise; after it the'
             ' rate falls linearly every step.'),
        }, step=0.005),
    '13.3': Question(
        'int', ('8d1139c8e7c74211',),
        ('Output height × width (no padding) × k² × inputs × filters gives the multiply-adds; '
         'then convert to FLOPs.'),
        {
            'e8eaaab4c8c9c650': ('That counts multiply-adds. The lesson counts each one as '
             'how many FLOPs?'),
            'e8a440cade955f53': ('Check the output size: with no padding, a 2 × 2 kernel '
             'cannot produce a 32 × 32 output (see the comment in '
             'make_net).'),
            'e3c837a4fa7e8b10': ('The question asks for the forward pass only, not the '
             'training cost.'),
        }),
    '13.4': Question(
        'choice', ('937d34315ab89587',),
        ("Compute the noise floor (max − min of the seeds) and the arm's change from the "
         "seeds' mean, then compare their sizes."),
        {
            'de8a7b29d8d7d103': ('The arm is below the mean, but section 8 says an arm '
             'counts only outside the noise floor. How large is that '
             'floor here, and how large is the drop?'),
            '34e87a6a1f8f82b8': ("Compare the arm's score with the recipe's mean: which side"
             ' of it is it on?'),
        }),
}
