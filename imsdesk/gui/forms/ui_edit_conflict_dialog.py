# Generated from ui/edit_conflict_dialog.ui by imsdesk.ui.compile_forms. Do not edit; edit the form.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'edit_conflict_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QFrame, QLabel, QScrollArea, QSizePolicy,
    QVBoxLayout, QWidget)

class Ui_EditConflictDialog(object):
    def setupUi(self, EditConflictDialog):
        if not EditConflictDialog.objectName():
            EditConflictDialog.setObjectName(u"EditConflictDialog")
        EditConflictDialog.resize(860, 450)
        self.outer_layout = QVBoxLayout(EditConflictDialog)
        self.outer_layout.setObjectName(u"outer_layout")
        self.intro = QLabel(EditConflictDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.outer_layout.addWidget(self.intro)

        self.fields_scroll = QScrollArea(EditConflictDialog)
        self.fields_scroll.setObjectName(u"fields_scroll")
        self.fields_scroll.setWidgetResizable(True)
        self.fields_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.fields = QWidget()
        self.fields.setObjectName(u"fields")
        self.fields_layout = QVBoxLayout(self.fields)
        self.fields_layout.setObjectName(u"fields_layout")
        self.fields_layout.setContentsMargins(0, 0, 0, 0)
        self.fields_scroll.setWidget(self.fields)

        self.outer_layout.addWidget(self.fields_scroll)

        self.buttons = QDialogButtonBox(EditConflictDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.outer_layout.addWidget(self.buttons)

        QWidget.setTabOrder(self.fields_scroll, self.buttons)

        self.retranslateUi(EditConflictDialog)

        QMetaObject.connectSlotsByName(EditConflictDialog)
    # setupUi

    def retranslateUi(self, EditConflictDialog):
        EditConflictDialog.setWindowTitle(QCoreApplication.translate("EditConflictDialog", u"Saved at two workstations", None))
        self.intro.setText(QCoreApplication.translate("EditConflictDialog", u"This visit was saved from another workstation while you were editing it. Nothing has been overwritten: your text is still in the form. For each field, keep yours, take theirs, or write the merged text; it is then saved as the newest version.", None))
    # retranslateUi

